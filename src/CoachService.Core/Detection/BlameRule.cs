using System.Text.RegularExpressions;
using CoachService.Core.Data;
using CoachService.Core.Text;

namespace CoachService.Core.Detection;

/// <summary>
/// A pattern for words that carry one kind of blame, with a stable id and a sentence that explains why they
/// hurt. A rule without a pattern is its category's explanation for words the classifier found on its own.
/// A pattern names the word lists it shares with the rewriter as <c>{id}</c> of the <see cref="Lexicon"/>
/// ("{absolute.never}"), so "never" means the same words to both.
/// </summary>
public sealed record BlameRule(string Id, string Category, Regex? Pattern, string Message)
{
    /// <summary>A category's pattern-less rule ("contempt.learned"): it explains a highlight of the tagger that no rule's words cover.</summary>
    public bool IsLearned => Pattern is null;

    public const string ResourceName = "CoachService.Core.Detection.blame-rules.jsonl";

    /// <summary>The rules shipped in <c>Detection/blame-rules.jsonl</c>.</summary>
    public static IReadOnlyList<BlameRule> LoadEmbedded()
    {
        using var stream = typeof(BlameRule).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader, "Detection/blame-rules.jsonl");
    }

    /// <param name="reader">The rules, one JSON object a line.</param>
    /// <param name="source">Where they come from, for messages.</param>
    /// <param name="lexicon">The word lists the patterns name; the shipped one when null.</param>
    public static IReadOnlyList<BlameRule> Parse(TextReader reader, string source, Lexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lexicon ??= Lexicon.Shipped;
        var rules = new List<BlameRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in JsonLines.ReadNumbered<RuleLine>(reader, source))
        {
            var rule = ParseLine(line.Value, line.Location, lexicon);
            if (!ids.Add(rule.Id))
            {
                throw new InvalidDataException($"{line.Location}: duplicate rule id '{rule.Id}'.");
            }

            rules.Add(rule);
        }

        var withoutFallback = BlameCategory.All.Where(c => !rules.Any(r => r.Category == c && r.IsLearned)).ToList();
        if (withoutFallback.Count > 0)
        {
            throw new InvalidDataException($"{source}: no pattern-less rule explains category {string.Join(", ", withoutFallback)}.");
        }

        return rules;
    }

    private static BlameRule ParseLine(RuleLine raw, string where, Lexicon lexicon)
    {
        if (string.IsNullOrWhiteSpace(raw.Id) || string.IsNullOrWhiteSpace(raw.Message))
        {
            throw new InvalidDataException($"{where}: a rule needs an id and a message.");
        }

        if (!BlameCategory.IsKnown(raw.Category))
        {
            throw new InvalidDataException($"{where}: unknown category '{raw.Category}'.");
        }

        Regex? pattern = null;
        if (raw.Pattern is not null)
        {
            string expanded;
            try
            {
                expanded = lexicon.Expand(raw.Pattern);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"{where}: pattern of '{raw.Id}': {ex.Message}", ex);
            }

            try
            {
                // Non-backtracking: a hostile message cannot make matching take more than linear time.
                pattern = new Regex(expanded, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{where}: pattern of '{raw.Id}' is not a valid regular expression ({ex.Message}).", ex);
            }
        }

        return new BlameRule(raw.Id, raw.Category!, pattern, raw.Message);
    }

    private sealed record RuleLine(string Id, string? Category, string? Pattern, string Message);
}
