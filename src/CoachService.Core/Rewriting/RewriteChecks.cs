using System.Text.RegularExpressions;
using CoachService.Core.Detection;
using CoachService.Core.Text;

namespace CoachService.Core.Rewriting;

/// <summary>
/// The rules every rewrite must pass before it is shown: it names a catalog feeling, and it has no absolutes,
/// labels, judgements dressed as feelings, leftover placeholders, doubled words, lower-case sentence starts or
/// missing final punctuation. Used by the rewriter and by the rewrite evaluation report.
/// </summary>
public sealed partial class RewriteChecks(RewriteCatalog catalog, IReadOnlyList<BlameRule> rules)
{
    private readonly Regex _trait = rules.Single(r => r.Id == "character.trait").Pattern!;

    /// <summary>Problem codes for the text the rewriter wrote (not the sender's kept sentences); empty when it passes.</summary>
    public IReadOnlyList<string> Problems(string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var problems = new List<string>();
        var feelings = FeelingAfterIFeel().Matches(written);
        if (feelings.Count == 0 || feelings.Any(m => !catalog.Feelings.Any(f => m.Groups["rest"].Value.StartsWith(f + " ", StringComparison.Ordinal) || m.Groups["rest"].Value == f)))
        {
            problems.Add("feeling_not_in_catalog");
        }

        if (Absolute.IsMatch(written))
        {
            problems.Add("absolute");
        }

        if (_trait.IsMatch(written))
        {
            problems.Add("character_label");
        }

        if (PseudoFeeling.IsMatch(written))
        {
            problems.Add("i_feel_like_you");
        }

        if (written.Contains('{', StringComparison.Ordinal) || written.Contains('}', StringComparison.Ordinal))
        {
            problems.Add("placeholder");
        }

        if (DoubledWord().IsMatch(written))
        {
            problems.Add("doubled_word");
        }

        foreach (var sentence in SentenceSplitter.Split(written).Select(s => s.Slice(written)))
        {
            if (!char.IsUpper(sentence[0]))
            {
                problems.Add("lowercase_start");
            }

            if (sentence[^1] is not ('.' or '?' or '!'))
            {
                problems.Add("no_final_punctuation");
            }
        }

        return problems.Distinct().ToList();
    }

    /// <summary>
    /// Whether a sentence holds an absolute, a character label or a judgement dressed as a feeling: a sentence of the
    /// sender's that does is not kept as written beside a rewrite (see <see cref="GentleRewriter"/>).
    /// </summary>
    public bool Judges(string sentence) => Absolute.IsMatch(sentence) || _trait.IsMatch(sentence) || PseudoFeeling.IsMatch(sentence);

    [GeneratedRegex(@"\bI (?:also )?(?:feel|felt) (?<rest>[a-z ]+?)(?= when| because| that|,|\.|$)")]
    private static partial Regex FeelingAfterIFeel();

    private static readonly Regex Absolute = Lexicon.Shipped.Pattern("checks.absolute");

    private static readonly Regex PseudoFeeling = Lexicon.Shipped.Pattern("checks.i-feel-like");

    [GeneratedRegex(@"\b(\w+)\s+\1\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoubledWord();
}
