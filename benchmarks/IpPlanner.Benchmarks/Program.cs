using BenchmarkDotNet.Running;

// Accepts BenchmarkDotNet's usual arguments: --filter, --job short, --exporters csv, --list flat.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
