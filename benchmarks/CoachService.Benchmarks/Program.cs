using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/CoachService.Benchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
