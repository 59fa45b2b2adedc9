using BenchmarkDotNet.Attributes;
using CoachService.Core;
using CoachService.Core.Detection;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Benchmarks;

/// <summary>
/// Fifty distinct messages the reading cache has never seen (a counter makes each run's new), analysed one call at
/// a time or as one batch, whose messages the encoder reads in a single ONNX Runtime call.
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private const int Items = 50;

    private static readonly string[] Messages =
    [
        "You never help with the dishes.", "Thanks for dinner tonight, it was lovely.", "ur always on ur phone at dinner",
        "Typical. Late again.", "I feel like you don't care about my family at all.", "Could we talk about the weekend?",
        "Why is it always me who books the dentist?", "Great job forgetting the school run, really.", "I love you. See you at six!",
        "You left the car on empty again and I nearly missed my shift.",
    ];

    private ServiceProvider _services = null!;
    private MessageCoach _coach = null!;
    private int _run;

    [GlobalSetup]
    public void Setup()
    {
        _services = CoachServiceCollectionExtensions.BuildCoachServices();
        _services.WarmUpCoach();
        _coach = _services.GetRequiredService<MessageCoach>();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    private string[] Fresh()
    {
        int run = ++_run;
        return [.. Enumerable.Range(0, Items).Select(i => $"{Messages[i % Messages.Length]} (draft {run}.{i})")];
    }

    [Benchmark(Baseline = true)]
    public int FiftySingleCalls_Cold()
    {
        int blaming = 0;
        foreach (var text in Fresh())
        {
            blaming += _coach.Analyze(text).IsBlame ? 1 : 0;
        }

        return blaming;
    }

    [Benchmark]
    public int OneBatchOfFifty_Cold() => _coach.AnalyzeMany(Fresh()).Count(a => a.IsBlame);
}
