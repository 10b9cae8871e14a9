namespace IpPlanner.Core.Simulation;

/// <summary>
/// The schedulable node with the fewest pods, in O(log n) per change and O(1) per question: a min segment tree over
/// the nodes in the order they joined, keyed by (load, join order) so ties go to the earliest node, as a scan in join
/// order would. A node that cannot take a pod (not started, terminated, full) holds no key.
/// </summary>
internal sealed class LeastLoadedIndex
{
    private const long Empty = long.MaxValue;

    private long[] _tree = [Empty, Empty];
    private int _leaves = 1;

    /// <summary>How many slots are in use; slot i is the i-th node added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a node in the next slot and returns the slot.</summary>
    public int Add()
    {
        if (Count == _leaves)
        {
            Grow();
        }

        return Count++;
    }

    /// <summary>Sets slot <paramref name="slot"/> to <paramref name="load"/> (null: the node cannot take a pod).</summary>
    /// <param name="slot">The slot <see cref="Add"/> returned.</param>
    /// <param name="order">The node's join order over the whole cluster, the tie-break between equal loads.</param>
    /// <param name="load">Pods on the node plus pods waiting for an IP there.</param>
    public void Set(int slot, int order, int? load)
    {
        var i = _leaves + slot;
        var key = load is { } l ? ((long)l << 32) | unchecked((uint)order) : Empty;
        if (_tree[i] == key)
        {
            return;
        }

        // Up to the root, or to the first ancestor whose minimum stays what it was (then none above it changes).
        _tree[i] = key;
        for (i >>= 1; i >= 1; i >>= 1)
        {
            var min = Math.Min(_tree[2 * i], _tree[(2 * i) + 1]);
            if (_tree[i] == min)
            {
                return;
            }

            _tree[i] = min;
        }
    }

    /// <summary>The least (load, order) key, or <see cref="long.MaxValue"/> when no node can take a pod.</summary>
    public long Min => _tree[1];

    /// <summary>The join order encoded in a key from <see cref="Min"/>.</summary>
    public static int OrderOf(long key) => unchecked((int)(uint)key);

    private void Grow()
    {
        var leaves = _leaves * 2;
        var tree = new long[2 * leaves];
        Array.Fill(tree, Empty);
        Array.Copy(_tree, _leaves, tree, leaves, _leaves);
        for (var i = leaves - 1; i >= 1; i--)
        {
            tree[i] = Math.Min(tree[2 * i], tree[(2 * i) + 1]);
        }

        _tree = tree;
        _leaves = leaves;
    }
}
