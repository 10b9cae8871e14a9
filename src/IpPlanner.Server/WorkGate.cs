using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace IpPlanner.Server;

/// <summary>
/// Every request that loads or plans a scenario runs through here: at most <see cref="ServerOptions.ConcurrencyLimit"/>
/// at a time (the rest wait in a queue of <see cref="ServerOptions.QueueLimit"/>; one more is answered 503 at once),
/// each answered 504 when it has not finished within <see cref="ServerOptions.TimeLimit"/>. Planning does not stop
/// half-way, so a request that timed out keeps its slot until its work really ends: a flood of huge scenarios cannot
/// keep more threads busy than the limit, whatever the clients do.
/// </summary>
internal sealed class WorkGate(ServerOptions options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.ConcurrencyLimit,
        QueueLimit = options.QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public async Task<IResult> RunAsync(HttpContext http, Func<IResult> work)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(options.TimeLimit);
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return TimedOut();
        }

        if (!lease.IsAcquired)
        {
            lease.Dispose();
            http.Response.Headers.RetryAfter = "1";
            return PlannerServer.Error(StatusCodes.Status503ServiceUnavailable,
                $"the server is busy: {options.ConcurrencyLimit} requests are planning and {options.QueueLimit} waiting; try again in a moment");
        }

        var task = Task.Run(work, CancellationToken.None);
        // The slot is given back when the work ends, not when the answer is sent; the continuation also observes a fault.
        _ = task.ContinueWith(t => { _ = t.Exception; lease.Dispose(); }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            return await task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!task.IsCompleted)
        {
            return TimedOut();
        }
    }

    private IResult TimedOut() =>
        PlannerServer.Error(StatusCodes.Status504GatewayTimeout,
            $"the request did not finish within the server's time limit of {options.TimeLimit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s: plan a scenario this large with the CLI");

    public void Dispose() => _limiter.Dispose();
}
