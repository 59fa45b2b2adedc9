using CoachService.Core.Detection;
using CoachService.Core.Llm;
using CoachService.Core.Reflection;
using CoachService.Core.Rewriting;

namespace CoachService.Core;

/// <summary>Which engine produced each part of a response.</summary>
public sealed record EngineReport(string Rewrite, string Questions);

/// <summary>Everything the service offers for one message: the analysis, rewrites (or a note), and questions.</summary>
public sealed record CoachingResult(BlameAnalysis Analysis, IReadOnlyList<Rewrite> Rewrites, string? Note, IReadOnlyList<ReflectionQuestion> Questions, EngineReport Engine);

public static class RewriteEngine
{
    public const string Template = "template";
    public const string Llm = "llm";

    /// <summary>Some styles from the LLM, the others from the template rewriter (the LLM's failed the checks).</summary>
    public const string LlmWithTemplate = "llm+template";

    /// <summary>No rewrite was needed or possible.</summary>
    public const string None = "none";
}

/// <summary>
/// The one entry point the HTTP API and the CLI use: analyse, rewrite (LLM first when configured, every LLM
/// rewrite vetted like a template one), and ask reflective questions. A safety-flagged message gets neither
/// rewrites nor questions, only the pointer to help.
/// </summary>
public sealed class MessageCoach(
    BlameAnalyzer analyzer, GentleRewriter rewriter, LlmRewriter llmRewriter, RewriteCatalog catalog, Reflector reflector, LlmGuard guard)
{
    /// <param name="text">The message.</param>
    /// <param name="client">Who asks (see <see cref="Reading.ReadingCache"/>); null for a local caller.</param>
    /// <param name="options">The caller's threshold, categories and rules turned off; null for the service's own.</param>
    /// <param name="cancellationToken">Cancels before the encoder runs.</param>
    public BlameAnalysis Analyze(string text, string? client = null, AnalysisOptions? options = null, CancellationToken cancellationToken = default) =>
        analyzer.Analyze(text, client, options, cancellationToken);

    /// <summary>
    /// Rewrites and questions for what the analysis (with the caller's options) reports. Every rewrite still has to
    /// pass the model's own threshold, whatever threshold the caller chose.
    /// </summary>
    public Task<CoachingResult> RewriteAsync(
        string text, IReadOnlyList<string>? styles, bool includeQuestions, string? client = null, AnalysisOptions? options = null, CancellationToken cancellationToken = default) =>
        RewriteAsync(analyzer.Analyze(text, client, options, cancellationToken), styles, includeQuestions, client, cancellationToken);

    /// <summary>Several messages (a batch request): read together with one encoder call, then each analysed as on its own.</summary>
    public IReadOnlyList<BlameAnalysis> AnalyzeMany(IReadOnlyList<string> texts, string? client = null, AnalysisOptions? options = null, CancellationToken cancellationToken = default) =>
        analyzer.AnalyzeMany(texts, client, options, cancellationToken);

    /// <summary>Several messages (a batch request): read together with one encoder call, then each rewritten as on its own.</summary>
    public async Task<IReadOnlyList<CoachingResult>> RewriteManyAsync(
        IReadOnlyList<string> texts, IReadOnlyList<string>? styles, bool includeQuestions, string? client = null, AnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = new List<CoachingResult>(texts.Count);
        foreach (var analysis in analyzer.AnalyzeMany(texts, client, options, cancellationToken))
        {
            results.Add(await RewriteAsync(analysis, styles, includeQuestions, client, cancellationToken));
        }

        return results;
    }

    private async Task<CoachingResult> RewriteAsync(BlameAnalysis analysis, IReadOnlyList<string>? styles, bool includeQuestions, string? client, CancellationToken cancellationToken)
    {
        var wanted = styles is { Count: > 0 } ? styles : RewriteStyle.All;
        var templates = rewriter.Rewrite(analysis, wanted, client);

        // The LLM rewrite and the questions run side by side, so a slow LLM costs one budget, not two.
        var rewriting = templates.Rewrites.Count > 0 && guard.IsConfigured
            ? PreferLlmAsync(analysis, wanted, templates.Rewrites, cancellationToken)
            : Task.FromResult((templates.Rewrites, templates.Rewrites.Count == 0 ? RewriteEngine.None : RewriteEngine.Template));
        var reflecting = includeQuestions && Answerable(analysis)
            ? Reflect(analysis, templates.Rewrites.Count > 0 ? templates.Rewrites[0].Concern : analysis.Concern, () => templates.Situation, client, cancellationToken)
            : Task.FromResult(new ReflectionResult([], RewriteEngine.None));
        await Task.WhenAll(rewriting, reflecting);

        var (rewrites, engine) = await rewriting;
        var reflection = await reflecting;
        CoachMetrics.Rewrote(engine);
        CoachMetrics.Asked(reflection.Engine);
        return new CoachingResult(analysis, rewrites, templates.Note, reflection.Questions, new EngineReport(engine, reflection.Engine));
    }

    /// <returns>
    /// The analysis, the questions, and a note when there are none to give (danger, not English, none that fits, or a
    /// kind message, which is told so rather than asked about a hurt it does not have) or the safety check has a concern.
    /// </returns>
    public async Task<(BlameAnalysis Analysis, ReflectionResult Reflection, string? Note)> ReflectAsync(string text, string? client = null, CancellationToken cancellationToken = default)
    {
        var analysis = analyzer.Analyze(text, client, cancellationToken: cancellationToken);
        var reflection = Answerable(analysis)
            ? await Reflect(analysis, analysis.Concern, () => rewriter.SituationOf(analysis, client), client, cancellationToken)
            : new ReflectionResult([], RewriteEngine.None);
        CoachMetrics.Asked(reflection.Engine);
        return (analysis, reflection, ReflectNote(analysis, reflection.Questions.Count));
    }

    /// <summary>
    /// What /v1/reflect says beside its questions: the safety message at danger, and at concern for English; why not
    /// for another language (whose concern level is the model's guess); and when there are no questions, that none
    /// fits, or, for a message that reads kindly (neither blame nor unsure), that it does.
    /// </summary>
    internal static string? ReflectNote(BlameAnalysis analysis, int questions) =>
        analysis.Safety.Level == Safety.SafetyLevel.Danger || (analysis.Safety.Level != Safety.SafetyLevel.None && analysis.Language.IsEnglish) ? analysis.Safety.Message
            : !analysis.Language.IsEnglish ? Text.LanguageCheck.NotEnglishNote
            : questions > 0 ? null
            : analysis.IsBlame || analysis.IsUnsure ? Reflector.NoFittingQuestionNote
            : GentleRewriter.AlreadyKindNote;

    /// <summary>
    /// Whether questions may be asked: not at the safety check's danger level (only help is offered), not for a
    /// message in another language (the articles and the models are English, so they would not fit), and not for a
    /// message that reads kindly: every question assumes something the sender would like to be different, and
    /// asking it of "I appreciate you doing the dishes every night" treats thanks as a complaint.
    /// </summary>
    private static bool Answerable(BlameAnalysis analysis) =>
        !analysis.Safety.Flagged && analysis.Language.IsEnglish && (analysis.IsBlame || analysis.IsUnsure);

    /// <summary>Each style's LLM rewrite replaces the template one when it passes the same classifier and checks.</summary>
    private async Task<(IReadOnlyList<Rewrite> Rewrites, string Engine)> PreferLlmAsync(
        BlameAnalysis analysis, IReadOnlyList<string> styles, IReadOnlyList<Rewrite> templates, CancellationToken cancellationToken)
    {
        var candidates = await guard.TryAsync(ct => llmRewriter.AskAsync(analysis.Text, styles, ct), "rewrites", cancellationToken);
        if (candidates is null)
        {
            return (templates, RewriteEngine.Template);
        }

        var chosen = new List<Rewrite>();
        int fromLlm = 0;
        foreach (var template in templates)
        {
            var candidate = candidates.FirstOrDefault(c => c.Style == template.Style);
            if (candidate is not null && rewriter.Vet(candidate.Text, candidate.Text, candidate.Components) is { } score)
            {
                chosen.Add(template with { Text = candidate.Text, Components = candidate.Components, BlameScore = score });
                fromLlm++;
            }
            else
            {
                chosen.Add(template);
            }
        }

        string engine = fromLlm == 0 ? RewriteEngine.Template : fromLlm == chosen.Count ? RewriteEngine.Llm : RewriteEngine.LlmWithTemplate;
        return (chosen, engine);
    }

    /// <summary>
    /// Questions about the concern behind the message: the one the rewrite addresses when there is one (so the
    /// questions and the rewrite speak of the same thing), else the one the reading found; its catalog words
    /// steer retrieval. The situation's reading for the anchor check is cached for this client only, as the
    /// rewrite's clauses are.
    /// </summary>
    private Task<ReflectionResult> Reflect(BlameAnalysis analysis, string concern, Func<string?> situation, string? client, CancellationToken cancellationToken) =>
        reflector.ReflectAsync(analysis.Text, analysis.Reading.Vector, concern, catalog.For(concern).Situation, situation, rewriter.VectorsFor(client), cancellationToken);
}
