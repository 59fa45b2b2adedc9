using System.Text.Json;
using System.Text.RegularExpressions;

namespace CoachService.Core.Detection;

/// <summary>
/// A pattern for words that carry one kind of blame, with a stable id and a sentence that explains why they
/// hurt. A rule without a pattern is its category's explanation for words the classifier found on its own.
/// </summary>
public sealed record BlameRule(string Id, string Category, Regex? Pattern, string Message)
{
    public const string ResourceName = "CoachService.Core.Detection.blame-rules.jsonl";

    /// <summary>The rules shipped in <c>Detection/blame-rules.jsonl</c>.</summary>
    public static IReadOnlyList<BlameRule> LoadEmbedded()
    {
        using var stream = typeof(BlameRule).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader, "Detection/blame-rules.jsonl");
    }

    public static IReadOnlyList<BlameRule> Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rules = new List<BlameRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var rule = ParseLine(line, $"{source}:{lineNumber}");
            if (!ids.Add(rule.Id))
            {
                throw new InvalidDataException($"{source}:{lineNumber}: duplicate rule id '{rule.Id}'.");
            }

            rules.Add(rule);
        }

        var withoutFallback = BlameCategory.All.Where(c => !rules.Any(r => r.Category == c && r.Pattern is null)).ToList();
        if (withoutFallback.Count > 0)
        {
            throw new InvalidDataException($"{source}: no pattern-less rule explains category {string.Join(", ", withoutFallback)}.");
        }

        return rules;
    }

    private static BlameRule ParseLine(string line, string where)
    {
        RuleLine? raw;
        try
        {
            raw = JsonSerializer.Deserialize<RuleLine>(line, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{where}: not valid JSON ({ex.Message}).", ex);
        }

        if (raw is null || string.IsNullOrWhiteSpace(raw.Id) || string.IsNullOrWhiteSpace(raw.Message))
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
            try
            {
                // Non-backtracking: a hostile message cannot make matching take more than linear time.
                pattern = new Regex(raw.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
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
