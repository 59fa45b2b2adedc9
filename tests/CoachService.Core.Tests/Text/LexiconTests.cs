using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using CoachService.Core.Detection;
using CoachService.Core.Text;

namespace CoachService.Core.Tests.Text;

public class LexiconTests
{
    /// <summary>A group the code reads must be named by the lexicon's pattern: a renamed group fails loudly, not as an empty clause.</summary>
    [Fact]
    public void Pattern_GroupTheCodeReads_MustBeNamed()
    {
        var lexicon = Core.Text.Lexicon.Shipped;

        Assert.NotNull(lexicon.Pattern("extractor.never", "s"));
        var error = Assert.Throws<InvalidDataException>(() => lexicon.Pattern("extractor.never", "s", "renamed"));
        Assert.Contains("renamed", error.Message, StringComparison.Ordinal);
        Assert.NotNull(Core.Rewriting.SituationExtractor.Extract("You never take the bins out."));
    }

    [Fact]
    public void Shipped_Loads_WithUniqueIdsAndTheSharedLists()
    {
        var lexicon = Core.Text.Lexicon.Shipped;

        Assert.Equal(lexicon.Ids.Count, lexicon.Ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("never", lexicon.Words("absolute.never"));
        Assert.Contains("selfish", lexicon.Words("character.labels"));
        Assert.NotEmpty(lexicon.PatternsUnder("extractor.shape."));
    }

    [Fact]
    public void Shipped_EveryEntry_IsReadByTheService()
    {
        // A fresh copy of Core with a lexicon of its own, so that only the service's code has asked it for anything:
        // in this process the other tests ask the shared lexicon for entries directly (one of them for every pattern),
        // and whatever already ran here would hide an entry the service no longer reads.
        var core = new AssemblyLoadContext(nameof(Shipped_EveryEntry_IsReadByTheService)).LoadFromAssemblyPath(typeof(Core.Text.Lexicon).Assembly.Location);
        Assert.NotSame(typeof(Core.Text.Lexicon).Assembly, core);

        // Every static word list of Core, and the detector's rules and the safety check, which read the lexicon when they load.
        foreach (var type in core.GetTypes().Where(t => !t.IsGenericTypeDefinition))
        {
            RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        }

        _ = core.GetType(typeof(BlameRule).FullName!, throwOnError: true)!.GetMethod(nameof(BlameRule.LoadEmbedded))!.Invoke(null, null);
        _ = Activator.CreateInstance(core.GetType(typeof(Core.Safety.SafetyCheck).FullName!, throwOnError: true)!, [null]);

        var lexicon = core.GetType(typeof(Core.Text.Lexicon).FullName!, throwOnError: true)!.GetProperty(nameof(Core.Text.Lexicon.Shipped))!.GetValue(null)!;
        var unread = (IReadOnlyList<string>)lexicon.GetType().GetMethod(nameof(Core.Text.Lexicon.Unread), BindingFlags.Instance | BindingFlags.NonPublic)!.Invoke(lexicon, null)!;
        Assert.Empty(unread);
    }

    [Fact]
    public void Unread_EntryNothingAsksFor_IsListed()
    {
        var lexicon = Core.Text.Lexicon.Parse(File(
            """{ "id": "a.used", "about": "x", "words": ["a"] }""",
            """{ "id": "a.spare", "about": "x", "words": ["b"] }""",
            """{ "id": "a.shape", "about": "x", "pattern": "{a.used}", "options": "None" }"""), "lexicon.json");

        _ = lexicon.Pattern("a.shape");

        Assert.Equal(["a.spare"], lexicon.Unread());
    }

    [Fact]
    public void Unread_PatternNothingAsksFor_IsListedWithTheListsOnlyItNames()
    {
        var lexicon = Core.Text.Lexicon.Parse(File(
            """{ "id": "a.used", "about": "x", "words": ["a"] }""",
            """{ "id": "a.only-in-spare", "about": "x", "words": ["b"] }""",
            """{ "id": "a.shape", "about": "x", "pattern": "{a.used}", "options": "None" }""",
            """{ "id": "a.spare-shape", "about": "x", "pattern": "{a.used} {a.only-in-spare}", "options": "None" }"""), "lexicon.json");

        Assert.Equal(["a.used", "a.only-in-spare", "a.shape", "a.spare-shape"], lexicon.Unread());

        _ = lexicon.Pattern("a.shape");

        Assert.Equal(["a.only-in-spare", "a.spare-shape"], lexicon.Unread());
    }

    [Fact]
    public void Parse_DuplicateId_FailsNamingTheEntryAndItsLine()
    {
        string json = File(
            """{ "id": "a.one", "about": "x", "words": ["a"] }""",
            """{ "id": "a.one", "about": "y", "words": ["b"] }""");

        var ex = Assert.Throws<InvalidDataException>(() => Core.Text.Lexicon.Parse(json, "lexicon.json"));

        Assert.StartsWith("lexicon.json:4: entry 'a.one': duplicate id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PatternThatDoesNotCompile_FailsNamingTheEntry()
    {
        string json = File("""{ "id": "a.bad", "about": "x", "pattern": "(never", "options": "IgnoreCase, CultureInvariant" }""");

        var ex = Assert.Throws<InvalidDataException>(() => Core.Text.Lexicon.Parse(json, "lexicon.json"));

        Assert.StartsWith("lexicon.json:3: entry 'a.bad': the pattern is not a valid regular expression", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PatternNamingAnUnknownList_FailsNamingTheEntryAndTheList()
    {
        string json = File("""{ "id": "a.shape", "about": "x", "pattern": "\\b{a.missing}\\b", "options": "None" }""");

        var ex = Assert.Throws<InvalidDataException>(() => Core.Text.Lexicon.Parse(json, "lexicon.json"));

        Assert.Contains("entry 'a.shape': {a.missing} names no list", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "a.empty", "about": "x", "words": [] }""", "entry 'a.empty': 'words' must be a non-empty list")]
    [InlineData("""{ "id": "a.twice", "about": "x", "words": ["a", "a"] }""", "entry 'a.twice': 'a' is listed twice")]
    [InlineData("""{ "id": "a.none", "about": "x" }""", "entry 'a.none': needs exactly one of 'words', 'pairs' or 'pattern'")]
    [InlineData("""{ "id": "a.typo", "about": "x", "word": ["a"] }""", "entry 'a.typo': unknown field 'word'")]
    [InlineData("""{ "id": "a.why", "words": ["a"] }""", "entry 'a.why': needs an 'about'")]
    [InlineData("""{ "id": "a.fast", "about": "x", "pattern": "a", "options": "Compiled" }""", "entry 'a.fast': options must be")]
    [InlineData("""{ "id": "nodot", "about": "x", "words": ["a"] }""", "needs an id of lower-case words joined by dots")]
    [InlineData("""{ "id": "a.turkish", "about": "x", "pattern": "i", "options": "IgnoreCase" }""", "entry 'a.turkish': IgnoreCase needs CultureInvariant too")]
    [InlineData("""{ "id": "a.inline", "about": "x", "pattern": "(?i:you)", "options": "None" }""", "entry 'a.inline': a pattern with (?i…) needs CultureInvariant")]
    public void Parse_MalformedEntry_FailsSayingWhatIsWrong(string entry, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => Core.Text.Lexicon.Parse(File(entry), "lexicon.json"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pattern_IdNotInTheLexicon_FailsNamingTheId()
    {
        var ex = Assert.Throws<InvalidDataException>(() => Core.Text.Lexicon.Shipped.Pattern("extractor.no-such-thing"));

        Assert.Contains("no entry 'extractor.no-such-thing'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pattern_NamingAList_MatchesEachOfItsWordsLiterally()
    {
        string json = File(
            """{ "id": "a.words", "about": "x", "words": ["24/7", "all the time", "a.b"] }""",
            """{ "id": "a.shape", "about": "x", "pattern": "^(?:{a.words})$", "options": "IgnoreCase, CultureInvariant" }""");

        var pattern = Core.Text.Lexicon.Parse(json, "lexicon.json").Pattern("a.shape");

        Assert.Matches(pattern, "24/7");
        Assert.Matches(pattern, "All the time");
        Assert.Matches(pattern, "a.b");
        Assert.DoesNotMatch(pattern, "axb");
    }

    /// <summary>A lexicon file of the given entries, one a line, from line 3.</summary>
    private static string File(params string[] entries) =>
        "{\n  \"entries\": [\n" + string.Join(",\n", entries) + "\n  ]\n}\n";
}
