using System.ComponentModel.DataAnnotations;

namespace CoachService.Core.Llm;

public enum LlmProvider
{
    /// <summary>Any server that speaks the OpenAI chat-completions protocol: OpenAI, Ollama, vLLM, llama.cpp server.</summary>
    OpenAI,

    /// <summary>Azure OpenAI; <see cref="LlmOptions.Model"/> is the deployment name.</summary>
    AzureOpenAI,
}

/// <summary>
/// The optional LLM ("Coach:Llm"). Off unless an endpoint and a model are set; then Semantic Kernel uses it for
/// freer rewrites and questions, guarded by these limits, and the embedded engines answer whenever it fails.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string SectionName = "Coach:Llm";
    public const string HttpClientName = "coach-llm";

    /// <summary>Base address, e.g. http://localhost:11434/v1 (Ollama) or https://api.openai.com/v1.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Model name (OpenAI-compatible) or deployment name (Azure OpenAI).</summary>
    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    public LlmProvider Provider { get; set; } = LlmProvider.OpenAI;

    /// <summary>Longest one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Retries after a transient failure (5xx, 408, 429, connection errors, attempt time-outs).</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay between retries; exponential with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The most a request may spend on the LLM, retries included, before the embedded engines answer.</summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long the circuit stays open (LLM skipped) after too many failures.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls sampled before the circuit breaker may open.</summary>
    [Range(2, 1000)]
    public int CircuitMinimumThroughput { get; set; } = 4;

    public bool IsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is not null && string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Coach:Llm:Model is required when Coach:Llm:Endpoint is set.", [nameof(Model)]);
        }

        if (Provider == LlmProvider.AzureOpenAI && Endpoint is not null && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult("Coach:Llm:ApiKey is required for Azure OpenAI.", [nameof(ApiKey)]);
        }

        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || Budget < AttemptTimeout)
        {
            yield return new ValidationResult("Coach:Llm:AttemptTimeout must be at least 10 ms and no longer than Coach:Llm:Budget.", [nameof(AttemptTimeout), nameof(Budget)]);
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return new ValidationResult("Coach:Llm:BreakDuration must be at least 500 ms.", [nameof(BreakDuration)]);
        }
    }
}
