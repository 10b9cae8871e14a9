using NUnit.Framework;
using IpPlanner.Core.Addressing;

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

    [Test]
    public void ClearFirst_TakesTheLowestSetBitsInOrder_ThenMinusOne()
    {
        // Bits in three leaf words under two summary words, so the hint must move on as words empty.
        int[] set = [70, 5, 262_100, 64, 4_100];
        var bitmap = new SummaryBitmap(1 << 20);
        foreach (var index in set)
        {
            bitmap.Set(index);
        }

        var taken = new List<int>();
        var words = new List<ulong>();
        for (var index = bitmap.ClearFirst(out var before); index >= 0; index = bitmap.ClearFirst(out before))
        {
            taken.Add(index);
            words.Add(before);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(taken, Is.EqualTo(set.Order()));
            Assert.That(words[1], Is.EqualTo((1UL << 0) | (1UL << 6)), "word 1 before its first bit (64) was cleared");
            Assert.That(bitmap.Count, Is.Zero);
            Assert.That(bitmap.IsConsistent(), Is.True);
        }
    }

    [Test]
    public void TrySet_SetsAClearBitOnce()
    {
        var bitmap = new SummaryBitmap(4096);
        bitmap.Set(3_000);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bitmap.TrySet(3_001, out var after), Is.True);
            Assert.That(after, Is.EqualTo(3UL << (3_000 & 63)));
            Assert.That(bitmap.TrySet(3_001, out _), Is.False);
            Assert.That(bitmap.FindFirst(), Is.EqualTo(3_000));
            Assert.That(bitmap.Count, Is.EqualTo(2));
            Assert.That(bitmap.IsConsistent(), Is.True);
        }
    }
}
