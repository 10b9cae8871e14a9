using IpPlanner.Cli;
using NUnit.Framework;

namespace IpPlanner.Tests.Cli;

/// <summary>--help names what an option takes (FILE, GROUP[=FROM..TO]), not the option's own name again.</summary>
public class HelpTextTests
{
    [TestCase("plan", "--instance-types <FILE>", "--html <FILE>")]
    [TestCase("simulate", "--scale <GROUP[=FROM..TO]>", "--plot <FILE>", "--html <FILE>", "--instance-types <FILE>")]
    [TestCase("recommend", "--target-nodes <GROUP=N>", "--write <FILE>", "--html <FILE>", "--instance-types <FILE>")]
    [TestCase("runway", "--growth <GROUP|POOL=RATE>", "--plot <FILE>", "--html <FILE>", "--instance-types <FILE>")]
    [TestCase("recommend", "--runway <MONTHS>", "--growth <GROUP=RATE>")]
    [TestCase("validate", "--instance-types <FILE>")]
    public void Help_FileAndRangeOptions_ShowWhatTheyTake(string verb, params string[] expected)
    {
        var run = CliRun.Of(verb, "--help");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        foreach (var text in expected)
        {
            Assert.That(run.Out, Does.Contain(text));
        }

        foreach (var echo in new[] { "<instance-types>", "<html>", "<plot>", "<write>", "<scale>", "<target-nodes>" })
        {
            Assert.That(run.Out, Does.Not.Contain(echo));
        }
    }
}
