namespace IpPlanner.Core.Engine;

/// <summary>
/// A cluster's nodes in start order. A fork's list reads its parent's nodes (which must not change after the fork)
/// and keeps only the nodes it adds and the ones it replaced with copies.
/// </summary>
internal sealed class NodeList(NodeList? parent) : IReadOnlyList<PlacedNode>
{
    private readonly int _inherited = parent?.Count ?? 0;
    private readonly List<PlacedNode> _own = [];
    private Dictionary<int, PlacedNode>? _replaced;

    public int Count => _inherited + _own.Count;

    public PlacedNode this[int index] =>
        index >= _inherited ? _own[index - _inherited]
        : _replaced is not null && _replaced.TryGetValue(index, out var copy) ? copy
        : parent![index];

    public void Add(PlacedNode node) => _own.Add(node);

    public void Replace(int index, PlacedNode node)
    {
        if (index >= _inherited)
        {
            _own[index - _inherited] = node;
        }
        else
        {
            (_replaced ??= [])[index] = node;
        }
    }

    public IEnumerator<PlacedNode> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
