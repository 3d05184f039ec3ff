using MsspPortal.Core.LogTest;

// The whole program: the shared logtest command line (MsspPortal.Core.LogTest.LogTestProgram) on the process's
// own standard streams, as raw bytes both ways: the input is split and decoded in parallel, the NDJSON is UTF-8.
await using var stdin = Console.OpenStandardInput();
await using var stdout = Console.OpenStandardOutput();
return await LogTestProgram.RunAsync(args, stdin, stdout, Console.Error, "mssp logtest", CancellationToken.None).ConfigureAwait(false);
