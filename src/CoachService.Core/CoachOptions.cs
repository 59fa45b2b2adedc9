using System.ComponentModel.DataAnnotations;
using CoachService.Core.Embeddings;

namespace CoachService.Core;

/// <summary>Where the service finds its files, and the limits on what it accepts. Bound from the "Coach" section.</summary>
public sealed class CoachOptions
{
    public const string SectionName = "Coach";

    /// <summary>The trained models; by default the copy next to the program.</summary>
    [Required]
    public string ModelsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The coaching articles that questions cite.</summary>
    [Required]
    public string SeedsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "seeds");

    /// <summary>The Semantic Kernel prompt directories (skprompt.txt + config.json).</summary>
    [Required]
    public string PromptsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "prompts");

    [Required]
    public MessageLimits Limits { get; set; } = new();

    /// <summary>
    /// How many message readings to keep in memory, each under a keyed hash of its client and its text (never
    /// the text), for <see cref="Reading.ReadingCache.Lifetime"/>; 0 turns the cache off, which the load test uses
    /// to measure messages the service has never seen. A client only ever hits its own entries.
    /// </summary>
    [Range(0, 1_000_000)]
    public int ReadingCacheSize { get; set; } = Reading.ReadingCache.DefaultSize;

    /// <summary>Threads ONNX Runtime uses for one message; 1 lets two requests run side by side on two cores.</summary>
    [Range(1, 64)]
    public int EncoderThreads { get; set; } = 1;
}

/// <summary>The documented limits on one message.</summary>
public sealed class MessageLimits
{
    /// <summary>Longest message accepted, in UTF-16 code units (what JavaScript's <c>length</c> counts).</summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 5_000;

    /// <summary>Most sentences in one message.</summary>
    [Range(1, 1_000)]
    public int MaxSentences { get; set; } = 60;

    /// <summary>Most messages in one batch request.</summary>
    [Range(1, 200)]
    public int MaxBatchItems { get; set; } = 50;
}
