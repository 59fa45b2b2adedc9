using BenchmarkDotNet.Attributes;
using CoachService.Core;
using CoachService.Core.Detection;
using CoachService.Core.Reading;
using CoachService.Core.Knowledge;
using CoachService.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace CoachService.Benchmarks;

/// <summary>
/// Each stage of a request on a typical two-sentence message, and the whole analyze and rewrite pipelines.
/// "Cold" variants use a message the reading cache has never seen (a counter makes each one new), which is
/// what a stream of distinct real messages costs; the others repeat the same message.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const string Message = "Thanks for dinner tonight. You never help with the dishes though.";
    private const string Blaming = "You never help with the dishes though.";
    private ServiceProvider _services = null!;
    private MessageCoach _coach = null!;
    private BlameClassifier _classifier = null!;
    private BlameSpanFinder _spans = null!;
    private KnowledgeIndex _index = null!;
    private MessageReader _reader = null!;
    private MessageReading _reading = null!;
    private SentenceVerdict _verdict;
    private int _counter;

    [GlobalSetup]
    public void Setup()
    {
        _services = CoachServiceCollectionExtensions.BuildCoachServices();
        _services.WarmUpCoach();
        _coach = _services.GetRequiredService<MessageCoach>();
        _classifier = _services.GetRequiredService<BlameClassifier>();
        _spans = _services.GetRequiredService<BlameSpanFinder>();
        _index = _services.GetRequiredService<KnowledgeIndex>();
        _reader = _services.GetRequiredService<MessageReader>();
        _reading = _reader.Read(Blaming);
        _verdict = _classifier.Classify(_reading)[0];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    private string Fresh(string text) => $"{text} {++_counter}";

    [Benchmark]
    public int SplitSentences() => SentenceSplitter.Split(Message).Count;

    [Benchmark]
    public MessageReading ReadMessage_Cold() => _reader.Read(Fresh(Message));

    [Benchmark]
    public int ClassifyReading() => _classifier.Classify(_reading).Count;

    [Benchmark]
    public int FindSpans() => _spans.Find(_reading, 0, _verdict).Count;

    [Benchmark]
    public int RetrieveSections() => _index.Search("he is always on his phone at dinner", 4).Count;

    [Benchmark]
    public int RetrieveSections_Cold() => _index.Search(Fresh("he is always on his phone at dinner"), 4).Count;

    [Benchmark]
    public BlameAnalysis AnalyzePipeline() => _coach.Analyze(Message);

    [Benchmark]
    public BlameAnalysis AnalyzePipeline_Cold() => _coach.Analyze(Fresh(Message));

    [Benchmark]
    public Task<CoachingResult> RewritePipeline() => _coach.RewriteAsync(Message, null, includeQuestions: true, client: null, cancellationToken: CancellationToken.None);

    [Benchmark]
    public Task<CoachingResult> RewritePipeline_Cold() => _coach.RewriteAsync(Fresh(Message), null, includeQuestions: true, client: null, cancellationToken: CancellationToken.None);
}
