using IpPlanner.Cli.Output.Html;
using NUnit.Framework;
using static IpPlanner.Tests.Cli.Html.HtmlTestSupport;
using static IpPlanner.Tests.Fixtures;
using IpPlanner.Core.Input;

namespace IpPlanner.Tests.Cli.Html;

public class HtmlReportFileTests
{
    [Test]
    public void Write_ExistingFile_IsReplacedWholeAndNoTemporaryFileRemains()
    {
        var dir = FreshDirectory();
        var path = Path.Combine(dir, "report.html");
        File.WriteAllText(path, new string('x', 100_000));

        HtmlReportFile.Write(path, "<!DOCTYPE html>\n<p>ü</p>\n");

        Assert.That(File.ReadAllBytes(path), Is.EqualTo("<!DOCTYPE html>\n<p>ü</p>\n"u8.ToArray()), "UTF-8 without a byte order mark");
        Assert.That(Directory.GetFileSystemEntries(dir), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void Write_MissingDirectory_InputExceptionNamingTheTarget()
    {
        var path = Path.Combine(FreshDirectory(), "no-such-dir", "report.html");

        Assert.That(() => HtmlReportFile.Write(path, "<p></p>"),
            Throws.TypeOf<InputException>().With.Message.StartsWith(path + ": cannot write the HTML report").And.Message.Not.Contain("\n"));
    }

    [Test]
    public void Write_TargetIsADirectory_InputExceptionAndNoTemporaryFileRemains()
    {
        var dir = FreshDirectory();
        var target = Directory.CreateDirectory(Path.Combine(dir, "report.html")).FullName;

        Assert.That(() => HtmlReportFile.Write(target, "<p></p>"),
            Throws.TypeOf<InputException>().With.Message.StartsWith(target + ": cannot write the HTML report").And.Message.Not.Contain(".tmp"));
        Assert.That(Directory.GetFileSystemEntries(dir), Is.EqualTo(new[] { target }));
    }
}
