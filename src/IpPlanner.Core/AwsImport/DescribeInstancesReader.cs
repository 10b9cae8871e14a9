
namespace IpPlanner.Core.AwsImport;

/// <summary>An EC2 instance from <c>aws ec2 describe-instances</c>.</summary>
internal sealed record AwsInstance
{
    /// <summary>The instance id.</summary>
    public required string Id { get; init; }

    /// <summary>The instance type, e.g. m6i.large.</summary>
    public required string InstanceType { get; init; }

    /// <summary>The subnet of its primary ENI (null once terminated).</summary>
    public string? SubnetId { get; init; }

    /// <summary>Its VPC (null once terminated).</summary>
    public string? VpcId { get; init; }

    /// <summary>pending, running, stopping, stopped, shutting-down, terminated.</summary>
    public required string State { get; init; }

    /// <summary>Tags by key.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Where it was in the file.</summary>
    public required string Where { get; init; }

    /// <summary>True for a running instance.</summary>
    public bool IsRunning => State == "running";

    /// <summary>The Name tag, if any.</summary>
    public string? Name => Tags.TryGetValue("Name", out var name) && name.Length > 0 ? name : null;
}

/// <summary>Reads the output of <c>aws ec2 describe-instances --output json</c> (every reservation's instances, in order).</summary>
internal static class DescribeInstancesReader
{
    /// <summary>The command whose output this reads.</summary>
    public const string Command = "aws ec2 describe-instances";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InputException"/> naming the file and field for anything else.</summary>
    public static IReadOnlyList<AwsInstance> Read(string path)
    {
        var json = AwsJsonInput.Read(path, "Reservations", Command, AwsCliJsonContext.Default.DescribeInstancesJson);
        var instances = new List<AwsInstance>();
        for (var r = 0; r < json.Reservations!.Count; r++)
        {
            var list = json.Reservations[r].Instances ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                var instance = list[i];
                var where = AwsFields.Where($"Reservations[{r}].Instances", i, instance.InstanceId);
                instances.Add(new AwsInstance
                {
                    Id = AwsFields.Require(instance.InstanceId, path, $"{where}.InstanceId", "every instance has its id"),
                    InstanceType = AwsFields.Require(instance.InstanceType, path, $"{where}.InstanceType", "every instance has its type"),
                    SubnetId = string.IsNullOrWhiteSpace(instance.SubnetId) ? null : instance.SubnetId,
                    VpcId = string.IsNullOrWhiteSpace(instance.VpcId) ? null : instance.VpcId,
                    State = AwsFields.Require(instance.State?.Name, path, $"{where}.State.Name", "every instance has a state (running, stopped, …)"),
                    Tags = AwsFields.Tags(instance.Tags),
                    Where = where,
                });
            }
        }

        return instances;
    }
}
