using IpPlanner.Core.Addressing;
using NUnit.Framework;

namespace IpPlanner.Tests.Addressing;

public sealed class SummaryBitmapTests
{
    private static readonly int[] s_lengths = [1, 16, 64, 65, 4096, 4097, 262_144, 1 << 22];

    [TestCaseSource(nameof(s_lengths))]
    public void FindNext_RandomBits_MatchesALinearScan(int length)
    {
        var random = new Random(length);
        var bitmap = new SummaryBitmap(length);
        var reference = new bool[length];
        for (var i = 0; i < Math.Min(length, 2000); i++)
        {
            var index = random.Next(length);
            if (reference[index])
            {
                bitmap.Clear(index);
            }
            else
            {
                bitmap.Set(index);
            }

            reference[index] = !reference[index];
        }

        for (var probe = 0; probe < 500; probe++)
        {
            var from = random.Next(length);
            var expected = Array.IndexOf(reference, true, from);
            Assert.That(bitmap.FindNext(from), Is.EqualTo(expected), $"from {from}");
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bitmap.FindFirst(), Is.EqualTo(Array.IndexOf(reference, true)));
            Assert.That(bitmap.Count, Is.EqualTo(reference.Count(b => b)));
            Assert.That(bitmap.IsConsistent(), Is.True);
        }
    }

    [Test]
    public void FindFirst_Empty_IsMinusOne()
    {
        var bitmap = new SummaryBitmap(1 << 20);
        bitmap.Set(123_456);
        bitmap.Clear(123_456);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bitmap.FindFirst(), Is.EqualTo(-1));
            Assert.That(bitmap.FindNextWrapping(99), Is.EqualTo(-1));
            Assert.That(bitmap.IsConsistent(), Is.True);
        }
    }

    [Test]
    public void FindNextWrapping_NothingAfter_WrapsToTheStart()
    {
        var bitmap = new SummaryBitmap(10_000);
        bitmap.Set(17);

        Assert.That(bitmap.FindNextWrapping(5000), Is.EqualTo(17));
    }
}
