// The published `mssp` (docs/decisions/0005-native-aot-logtest.md): `mssp logtest` runs here, natively; every other
// command line is handed over, verbatim, to the managed CLI beside this binary (MsspFront).
return await MsspPortal.LogTest.MsspFront.MainAsync(args).ConfigureAwait(false);
