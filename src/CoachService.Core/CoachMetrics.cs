using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CoachService.Core;

/// <summary>
/// The service's own metrics, on one meter (<see cref="MeterName"/>). Tags are fixed vocabularies (engine names,
/// safety levels, verdicts, failure types), never message text or anything derived from it.
/// </summary>
public static class CoachMetrics
{
    public const string MeterName = "CoachService";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Analyses = Meter.CreateCounter<long>("coach.analyses", description: "Messages analysed, by safety level.");
    private static readonly Counter<long> Rewrites = Meter.CreateCounter<long>("coach.rewrites", description: "Rewrite requests answered, by engine (template, llm, llm+template, none).");
    private static readonly Counter<long> Questions = Meter.CreateCounter<long>("coach.questions", description: "Question requests answered, by engine (extractive, llm, llm+extractive, none).");
    private static readonly Counter<long> LlmFallbacks = Meter.CreateCounter<long>("coach.llm.fallbacks", description: "LLM calls the embedded engines answered instead, by purpose and failure type.");
    private static readonly Histogram<double> EncoderDuration = Meter.CreateHistogram<double>("coach.encoder.duration", "ms", "Time of one encoder (ONNX Runtime) call.");
    private static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>("coach.reading_cache.lookups", description: "Reading-cache lookups, by result (hit, miss).");
    private static readonly Counter<long> SharedCacheLookups = Meter.CreateCounter<long>("coach.reading_cache.shared_lookups", description: "Lookups in the fleet's shared (Redis) level of the reading cache, by result (hit, miss).");
    private static readonly Counter<long> RedisFallbacks = Meter.CreateCounter<long>("coach.redis.fallbacks", description: "Requests that used this replica's own limits or cache because Redis was unreachable, by part (rate_limit, reading_cache).");
    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("coach.rate_limit.rejections", description: "Requests refused by the per-client rate limit.");
    private static readonly Counter<long> FeedbackVerdicts = Meter.CreateCounter<long>("coach.feedback.verdicts", description: "Feedback verdicts received, by verdict.");

    public static void Analysed(string safetyLevel) => Analyses.Add(1, new KeyValuePair<string, object?>("safety.level", safetyLevel));

    public static void Rewrote(string engine) => Rewrites.Add(1, new KeyValuePair<string, object?>("engine", engine));

    public static void Asked(string engine) => Questions.Add(1, new KeyValuePair<string, object?>("engine", engine));

    public static void LlmFellBack(string purpose, string failure) =>
        LlmFallbacks.Add(1, new KeyValuePair<string, object?>("purpose", purpose), new KeyValuePair<string, object?>("failure", failure));

    public static void Encoded(TimeSpan elapsed) => EncoderDuration.Record(elapsed.TotalMilliseconds);

    public static void CacheLookup(bool hit) => CacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public static void SharedCacheLookup(bool hit) => SharedCacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public static void RedisFellBack(string part) => RedisFallbacks.Add(1, new KeyValuePair<string, object?>("part", part));

    public static void RateLimitRejected() => RateLimited.Add(1);

    public static void FeedbackReceived(string verdict) => FeedbackVerdicts.Add(1, new KeyValuePair<string, object?>("verdict", verdict));

    /// <summary>Times one encoder call.</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    public static void EncodedSince(long start) => Encoded(Stopwatch.GetElapsedTime(start));
}
