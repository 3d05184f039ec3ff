namespace MsspPortal.Web.Pipeline;

// Who writes next on a single-writer database: storing what arrived (acceptance) goes before processing. SQLite has
// one write lock and its busy handler is not fair — a worker that commits chunk after chunk re-takes the lock
// before a waiting store wakes, and stores failed after the 30 s busy timeout (issue 11.1: HTTP 500s, syslog lost).
// Here an arriving store waits in the process, never on the busy timeout, for at most the processing transaction in
// progress; processing starts its next transaction only when no store is writing or waiting. Stores share the turn
// among themselves (their transactions are short). On SQL Server, which has row locks, both calls return at once.
public sealed class WriteTurns(bool enabled)
{
    private readonly Lock _gate = new();
    private int _acceptance;
    private bool _processing;
    private TaskCompletionSource? _processingDone;
    private TaskCompletionSource? _acceptanceIdle;

    // Stores holding or waiting for a turn (shown for diagnosis, used by tests).
    public int Accepting
    {
        get
        {
            lock (_gate)
            {
                return _acceptance;
            }
        }
    }

    public async ValueTask<Turn> AcceptAsync(CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return default;
        }
        Task wait;
        lock (_gate)
        {
            // Counted while waiting too: that is what keeps processing from starting another transaction meanwhile.
            _acceptance++;
            if (!_processing)
            {
                return new Turn(this, accepting: true);
            }
            wait = (_processingDone ??= NewSignal()).Task;
        }
        try
        {
            while (true)
            {
                await wait.WaitAsync(cancellationToken);
                lock (_gate)
                {
                    if (!_processing)
                    {
                        return new Turn(this, accepting: true);
                    }
                    wait = (_processingDone ??= NewSignal()).Task;
                }
            }
        }
        catch
        {
            ReleaseAcceptance();
            throw;
        }
    }

    // A store's turn if it is free now (no processing transaction in progress), else none: the caller keeps its
    // chunks and writes them with later ones.
    public bool TryAcceptNow(out Turn turn)
    {
        turn = default;
        if (!enabled)
        {
            return true;
        }
        lock (_gate)
        {
            if (_processing)
            {
                return false;
            }
            _acceptance++;
            turn = new Turn(this, accepting: true);
            return true;
        }
    }

    public async ValueTask<Turn> ProcessAsync(CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return default;
        }
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_acceptance == 0 && !_processing)
                {
                    _processing = true;
                    return new Turn(this, accepting: false);
                }
                wait = _acceptance > 0 ? (_acceptanceIdle ??= NewSignal()).Task : (_processingDone ??= NewSignal()).Task;
            }
            await wait.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void ReleaseAcceptance()
    {
        lock (_gate)
        {
            if (--_acceptance == 0)
            {
                _acceptanceIdle?.TrySetResult();
                _acceptanceIdle = null;
            }
        }
    }

    private void ReleaseProcessing()
    {
        lock (_gate)
        {
            _processing = false;
            _processingDone?.TrySetResult();
            _processingDone = null;
        }
    }

    // Held for one transaction; disposing hands the turn on. The default value holds nothing.
    public readonly struct Turn : IDisposable
    {
        private readonly WriteTurns? _owner;
        private readonly bool _accepting;

        internal Turn(WriteTurns owner, bool accepting) => (_owner, _accepting) = (owner, accepting);

        public void Dispose()
        {
            if (_owner is null)
            {
                return;
            }
            if (_accepting)
            {
                _owner.ReleaseAcceptance();
            }
            else
            {
                _owner.ReleaseProcessing();
            }
        }
    }
}
