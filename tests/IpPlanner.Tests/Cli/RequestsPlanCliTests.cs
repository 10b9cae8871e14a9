using System.Text.Json;
using IpPlanner.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>The requests-and-DaemonSets sample through <c>ipplanner plan</c>: the derived fields and the words.</summary>
public class RequestsPlanCliTests
{
    [Test]
    public void Plan_RequestsSample_JsonGivesDerivedPodsPerNodeAndWhatBinds()
    {
        // api on m5.xlarge: allocatable 4000 - 80 = 3920m and 16384 - 1229 - (11 x 58 + 255) - 100 = 14162 MiB.
        // DaemonSets request 25 + 100 + 100 + 50 = 275m and 40 + 50 + 200 + 64 = 354 MiB; two are off the host network.
        // CPU: floor((3920 - 275) / 250) = 14; memory: floor((14162 - 354) / 512) = 26; max pods 58 - 2 - 2 = 54.
        // 14 by CPU, + 2 DaemonSet IPs = 16 pod IPs per node.
        // cache on r5.large: 1930m and 16384 - 1229 - 574 - 100 = 14481 MiB. CPU: floor(1655 / 250) = 6;
        // memory: floor((14481 - 354) / 4096) = 3. 3 by memory, + 2 = 5.
        var run = CliRun.Of("plan", Sample("requests-daemonsets.yaml"), "-o", "json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var groups = doc.RootElement.GetProperty("nodeGroups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("name").GetString()!, g => (g.GetProperty("podsPerNode").GetInt32(), g.GetProperty("podsPerNodeLimitedBy").GetString()));
        Assert.That(groups["api"], Is.EqualTo((16, "cpu")));
        Assert.That(groups["cache"], Is.EqualTo((5, "memory")));
    }

    [Test]
    public void Plan_RequestsSample_TextSaysItInWords()
    {
        var run = CliRun.Of("plan", Sample("requests-daemonsets.yaml"));
        Assert.That(run.Out, Does.Contain("cache: 3 pods per node from requests of 250m CPU and 4Gi memory, limited by allocatable memory"));
    }

    [Test]
    public void Plan_PodsPerNodeAndRequests_ErrorNamesFileLineColumnAndField()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ipplanner-requests-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, File.ReadAllText(Sample("requests-daemonsets.yaml"))
            .Replace("    podRequests: { cpu: 250m, memory: 512Mi }", "    podsPerNode: 10\n    podRequests: { cpu: 250m, memory: 512Mi }", StringComparison.Ordinal));
        try
        {
            var run = CliRun.Of("plan", file);
            Assert.That(run.ExitCode, Is.Not.EqualTo(ExitCodes.Ok).And.Not.EqualTo(70));
            // The line of podRequests in the file as written (after the inserted podsPerNode line); a mapping is blamed at its key, column 5.
            var line = Array.FindIndex(File.ReadAllLines(file), l => l.StartsWith("    podRequests:", StringComparison.Ordinal)) + 1;
            Assert.That(run.Error, Does.Contain(Path.GetFileName(file) + $":{line}:5").And.Contain("nodeGroups[0].podRequests").And.Contain("not both"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
