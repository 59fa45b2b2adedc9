using System.Reflection;
using System.Text.RegularExpressions;
using CoachService.Core.Rewriting;

namespace CoachService.Core.Tests.Rewriting;

/// <summary>
/// The red-team findings on the extractor: a quadratic discourse loop (one 5 KB message cost 0.7 s of CPU) and
/// 200 ms wall-clock regex time-outs that turned process pauses (GC, throttling, SIGSTOP) into 500s.
/// </summary>
public class SituationExtractorCostTests
{
    /// <summary>Messages that make the discourse loop strip one token per pass, at the 5,000-character limit.</summary>
    public static TheoryData<string> LongDiscourse() =>
    [
        "you forgot the bins" + string.Concat(Enumerable.Repeat(" lol", 1245)),
        string.Concat(Enumerable.Repeat("oh ", 1660)) + "you forgot the bins",
        "typical" + string.Concat(Enumerable.Repeat(" again", 830)),
        string.Concat(Enumerable.Repeat("so, ", 620)) + "you forgot the bins" + string.Concat(Enumerable.Repeat(" tbh", 620)),
        "you forgot the bins" + string.Concat(Enumerable.Repeat(" ok.", 1245)),
    ];

    [Theory]
    [MemberData(nameof(LongDiscourse))]
    public void Extract_FiveThousandCharactersOfDiscourse_AllocatesInProportionToTheText(string sentence)
    {
        SituationExtractor.Extract("You never take the bins out lol");  // regex construction and JIT are not the message's cost

        long before = GC.GetAllocatedBytesForCurrentThread();
        SituationExtractor.Extract(sentence);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A pass that copies the whole text per token stripped allocates about n²/4 chars (tens of MB here);
        // a linear pass a small multiple of the text. 200 bytes a character is a wide margin for the regexes.
        Assert.True(allocated < 200L * sentence.Length, $"{allocated:N0} bytes for {sentence.Length:N0} characters");
    }

    [Fact]
    public void Regexes_OfTheCore_HaveNoWallClockTimeout()
    {
        var regexes = typeof(SituationExtractor).Assembly.GetTypes()
            .Where(t => !t.IsGenericTypeDefinition && !t.FullName!.Contains("RegexGenerator", StringComparison.Ordinal))
            .SelectMany(AllRegexes)
            .Concat(Core.Text.Lexicon.Shipped.PatternsUnder("").Select(p => p.Pattern))
            .ToList();

        Assert.True(regexes.Count > 50, $"found only {regexes.Count} regexes");
        var timed = regexes.Where(r => r.MatchTimeout != Regex.InfiniteMatchTimeout).Select(r => r.ToString()).ToList();
        Assert.True(timed.Count == 0, "regexes with a wall-clock time-out (a pause turns them into a 500):\n" + string.Join('\n', timed));
    }

    /// <summary>Every regex a type holds: static fields (arrays and tuples included) and [GeneratedRegex] methods.</summary>
    internal static IEnumerable<Regex> AllRegexes(Type type)
    {
        const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var method in type.GetMethods(Static | BindingFlags.DeclaredOnly).Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0))
        {
            yield return (Regex)method.Invoke(null, null)!;
        }

        foreach (var field in type.GetFields(Static | BindingFlags.DeclaredOnly).Where(f => !f.FieldType.IsPrimitive && f.FieldType != typeof(string)))
        {
            foreach (var regex in Unpack(field.GetValue(null)))
            {
                yield return regex;
            }
        }
    }

    private static IEnumerable<Regex> Unpack(object? value) => value switch
    {
        Regex regex => [regex],
        System.Collections.IEnumerable items and not string => items.Cast<object?>().SelectMany(Unpack),
        System.Runtime.CompilerServices.ITuple tuple => Enumerable.Range(0, tuple.Length).SelectMany(i => Unpack(tuple[i])),
        _ => [],
    };
}
