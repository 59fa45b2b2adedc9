using CoachService.Core.Detection;

namespace CoachService.Core.Tests.Detection;

public class BlameRuleTests
{
    [Fact]
    public void LoadEmbedded_ShippedRules_CoverEveryCategoryWithUniqueIds()
    {
        var rules = BlameRule.LoadEmbedded();

        Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
        Assert.All(BlameCategory.All, c => Assert.Contains(rules, r => r.Category == c && r.Pattern is not null));
        Assert.All(rules, r => Assert.StartsWith(r.Category + ".", r.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_InvalidPattern_FailsNamingFileAndLine()
    {
        const string lines = """
            {"id":"absolute.learned","category":"absolute","message":"m"}
            {"id":"absolute.bad","category":"absolute","pattern":"(never","message":"m"}
            """;

        var ex = Assert.Throws<InvalidDataException>(() => BlameRule.Parse(new StringReader(lines), "rules.jsonl"));

        Assert.StartsWith("rules.jsonl:2:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownCategory_FailsNamingFileAndLine()
    {
        var ex = Assert.Throws<InvalidDataException>(() =>
            BlameRule.Parse(new StringReader("""{"id":"x.y","category":"nagging","message":"m"}"""), "rules.jsonl"));

        Assert.Contains("rules.jsonl:1: unknown category 'nagging'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PatternNamingAListTheLexiconLacks_FailsNamingFileAndLine()
    {
        const string lines = """
            {"id":"absolute.learned","category":"absolute","message":"m"}
            {"id":"absolute.bad","category":"absolute","pattern":"\\b({absolute.nevr})\\b","message":"m"}
            """;

        var ex = Assert.Throws<InvalidDataException>(() => BlameRule.Parse(new StringReader(lines), "rules.jsonl"));

        Assert.StartsWith("rules.jsonl:2: pattern of 'absolute.bad': {absolute.nevr} names no list", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEmbedded_SharedList_MeansTheSameWordsAsInTheLexicon()
    {
        var never = BlameRule.LoadEmbedded().Single(r => r.Id == "absolute.never").Pattern!;

        Assert.All(Core.Text.Lexicon.Shipped.Words("absolute.never"), word => Assert.Matches(never, $"but you {word} call"));
    }
}
