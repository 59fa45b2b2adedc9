using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CoachService.Core.Text;

/// <summary>
/// The service's word lists and word patterns, from <c>Text/lexicon.json</c>: each list once, by id, read by the
/// detector's rules, the situation extractor, the rewriter and its checks, the texting and safety normalisers.
/// Checked as a whole when it loads (ids, lists, patterns, the lists patterns name), so a bad edit fails start-up
/// with the entry's id and line instead of matching wrongly on some message later.
/// </summary>
public sealed partial class Lexicon
{
    public const string ResourceName = "CoachService.Core.Text.lexicon.json";
    private const string ShippedSource = "Text/lexicon.json";

    // Only what changes what a pattern matches; how it is run (Compiled, time-outs) is the code's choice.
    private const RegexOptions AllowedOptions =
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | RegexOptions.RightToLeft;

    private static readonly Lazy<Lexicon> ShippedLexicon = new(LoadEmbedded);

    private readonly Dictionary<string, Entry> _entries;

    // Ids asked for, so a test can find entries nothing reads any more. A list a pattern names counts as read when
    // that pattern is asked for, not when the lexicon loads: a list used only by a pattern nothing asks for is unread too.
    private readonly ConcurrentDictionary<string, bool> _read = new(StringComparer.Ordinal);

    private Lexicon(string source, List<Entry> entries)
    {
        Source = source;
        _entries = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        Ids = entries.Select(e => e.Id).ToList();
    }

    /// <summary>The lexicon shipped in the assembly, loaded and checked once per process.</summary>
    public static Lexicon Shipped => ShippedLexicon.Value;

    /// <summary>Where the lexicon came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Every id, in the order written.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>A list's words, in the order written.</summary>
    public IReadOnlyList<string> Words(string id) => Get(id, "a list of words").Words!;

    /// <summary>A pairs entry (word → word), in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs(string id) => Get(id, "pairs").Pairs!;

    /// <summary>A pattern, compiled once.</summary>
    public Regex Pattern(string id) => Get(id, "a pattern").Pattern!;

    /// <summary>
    /// The pattern, which must name every group the code reads from it: a group renamed in the lexicon would
    /// otherwise read as empty, silently. Throws <see cref="InvalidDataException"/> naming the missing groups.
    /// </summary>
    public Regex Pattern(string id, params string[] groups)
    {
        var pattern = Pattern(id);
        RequireGroups(id, pattern, groups);
        return pattern;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> when <paramref name="pattern"/> (entry <paramref name="id"/>) names none of some <paramref name="groups"/>.</summary>
    public void RequireGroups(string id, Regex pattern, IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var missing = groups.Except(pattern.GetGroupNames(), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{Source}: pattern '{id}' names no group {string.Join(", ", missing)}, which the code reads.");
        }
    }

    /// <summary>The patterns whose id starts with <paramref name="prefix"/>, in the order written (shapes tried in turn).</summary>
    public IReadOnlyList<(string Id, Regex Pattern)> PatternsUnder(string prefix)
    {
        var found = Ids.Where(id => id.StartsWith(prefix, StringComparison.Ordinal) && _entries[id].Pattern is not null)
            .Select(id => (id, Pattern(id)))
            .ToList();
        return found.Count > 0 ? found : throw new InvalidDataException($"{Source}: no pattern has an id starting '{prefix}'.");
    }

    /// <summary>
    /// A pattern written elsewhere (the detector's rules) with each <c>{id}</c> replaced by that list's words as one
    /// group. Throws <see cref="InvalidDataException"/> naming an id that is not a list here.
    /// </summary>
    public string Expand(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Expand(pattern, _entries, id => _read[id] = true);
    }

    /// <summary>The ids no consumer has asked for, directly or through a pattern.</summary>
    internal IReadOnlyList<string> Unread() => Ids.Where(id => !_read.ContainsKey(id)).ToList();

    private Entry Get(string id, string kind)
    {
        if (!_entries.TryGetValue(id, out var entry))
        {
            throw new InvalidDataException($"{Source}: there is no entry '{id}'.");
        }

        if (entry.Kind != kind)
        {
            throw new InvalidDataException($"{Source}: entry '{id}' is {entry.Kind}, not {kind}.");
        }

        _read[id] = true;
        foreach (var list in entry.Lists)
        {
            _read[list] = true;
        }

        return entry;
    }

    private static Lexicon LoadEmbedded()
    {
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), ShippedSource);
    }

    /// <summary>Reads and checks a lexicon; any problem is an <see cref="InvalidDataException"/> naming the source, line and entry.</summary>
    public static Lexicon Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}:{ex.LineNumber + 1}: not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("entries", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{source}: expected an object with an 'entries' array.");
            }

            // Read every entry first, so a pattern may name a list written after it.
            var raw = new List<RawEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var element in list.EnumerateArray())
            {
                raw.Add(Read(element, json, source, seen));
            }

            var byId = raw.ToDictionary(e => e.Id, e => new Entry(e.Id, e.Words, e.Pairs, null, []), StringComparer.Ordinal);
            var entries = new List<Entry>();
            foreach (var entry in raw)
            {
                entries.Add(entry.Pattern is null ? byId[entry.Id] : Compile(entry, byId));
            }

            return new Lexicon(source, entries);
        }
    }

    private static RawEntry Read(JsonElement element, string json, string source, HashSet<string> seen)
    {
        // A duplicate is reported at its second appearance.
        string Where(string? id) => id is null ? $"{source}: entry {seen.Count + 1}" : $"{source}:{LineOf(json, id, seen.Contains(id) ? 1 : 0)}: entry '{id}'";

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{Where(null)}: expected an object.");
        }

        string? id = element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (id is null || !IdShape().IsMatch(id))
        {
            throw new InvalidDataException($"{Where(null)}: needs an id of lower-case words joined by dots, such as 'absolute.never' (got '{id}').");
        }

        if (seen.Contains(id))
        {
            throw new InvalidDataException($"{Where(id)}: duplicate id.");
        }

        string where = Where(id);
        seen.Add(id);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is not ("id" or "about" or "words" or "pairs" or "pattern" or "options"))
            {
                throw new InvalidDataException($"{where}: unknown field '{property.Name}'.");
            }
        }

        if (!element.TryGetProperty("about", out var about) || about.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(about.GetString()))
        {
            throw new InvalidDataException($"{where}: needs an 'about' saying what the entry means.");
        }

        bool hasWords = element.TryGetProperty("words", out var words);
        bool hasPairs = element.TryGetProperty("pairs", out var pairs);
        bool hasPattern = element.TryGetProperty("pattern", out var pattern);
        if ((hasWords ? 1 : 0) + (hasPairs ? 1 : 0) + (hasPattern ? 1 : 0) != 1)
        {
            throw new InvalidDataException($"{where}: needs exactly one of 'words', 'pairs' or 'pattern'.");
        }

        if (hasPattern != element.TryGetProperty("options", out var options))
        {
            throw new InvalidDataException($"{where}: a pattern, and only a pattern, has 'options' (\"None\" for none).");
        }

        if (hasWords)
        {
            return new RawEntry(id, where, ReadWords(words, where), null, null, default);
        }

        if (hasPairs)
        {
            return new RawEntry(id, where, null, ReadPairs(pairs, where), null, default);
        }

        if (pattern.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(pattern.GetString()))
        {
            throw new InvalidDataException($"{where}: 'pattern' must be a non-empty string.");
        }

        var regexOptions = ReadOptions(options, where);
        RequireInvariantCase(pattern.GetString()!, regexOptions, where);
        return new RawEntry(id, where, null, null, pattern.GetString(), regexOptions);
    }

    private static List<string> ReadWords(JsonElement words, string where)
    {
        if (words.ValueKind != JsonValueKind.Array || words.GetArrayLength() == 0)
        {
            throw new InvalidDataException($"{where}: 'words' must be a non-empty list.");
        }

        var list = new List<string>();
        foreach (var word in words.EnumerateArray())
        {
            string? text = word.ValueKind == JsonValueKind.String ? word.GetString() : null;
            if (string.IsNullOrWhiteSpace(text) || text.Trim() != text)
            {
                throw new InvalidDataException($"{where}: every word must be a non-empty string without spaces around it.");
            }

            if (list.Contains(text, StringComparer.Ordinal))
            {
                throw new InvalidDataException($"{where}: '{text}' is listed twice.");
            }

            list.Add(text);
        }

        return list;
    }

    private static List<KeyValuePair<string, string>> ReadPairs(JsonElement pairs, string where)
    {
        if (pairs.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: 'pairs' must be an object of word → word.");
        }

        var list = new List<KeyValuePair<string, string>>();
        foreach (var pair in pairs.EnumerateObject())
        {
            string? value = pair.Value.ValueKind == JsonValueKind.String ? pair.Value.GetString() : null;
            if (string.IsNullOrWhiteSpace(pair.Name) || string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidDataException($"{where}: every pair needs a word on both sides.");
            }

            if (list.Any(p => p.Key == pair.Name))
            {
                throw new InvalidDataException($"{where}: '{pair.Name}' is listed twice.");
            }

            list.Add(new(pair.Name, value));
        }

        return list.Count > 0 ? list : throw new InvalidDataException($"{where}: 'pairs' must not be empty.");
    }

    private static RegexOptions ReadOptions(JsonElement options, string where)
    {
        if (options.ValueKind == JsonValueKind.String && Enum.TryParse<RegexOptions>(options.GetString(), out var parsed)
            && (parsed & ~AllowedOptions) == 0 && !options.GetString()!.Any(char.IsDigit))
        {
            return parsed;
        }

        throw new InvalidDataException($"{where}: options must be \"None\" or some of {AllowedOptions} (got {options}).");
    }

    /// <summary>
    /// A pattern that folds case, by its options or inline (<c>(?i:…)</c>), needs CultureInvariant: folding by the
    /// thread's culture would make "I" and "i" differ under a Turkish culture. The service runs with invariant
    /// globalization (Directory.Build.props), so this keeps the patterns right wherever they are used.
    /// </summary>
    private static void RequireInvariantCase(string pattern, RegexOptions options, string where)
    {
        if ((options & RegexOptions.CultureInvariant) != 0)
        {
            return;
        }

        if ((options & RegexOptions.IgnoreCase) != 0)
        {
            throw new InvalidDataException($"{where}: IgnoreCase needs CultureInvariant too (got {options}).");
        }

        if (InlineCaseFolding().IsMatch(pattern))
        {
            throw new InvalidDataException($"{where}: a pattern with (?i…) needs CultureInvariant in its options.");
        }
    }

    private static Entry Compile(RawEntry entry, Dictionary<string, Entry> lists)
    {
        string expanded = Expand(entry.Pattern!, lists, _ => { }, entry.Where);
        try
        {
            // No time-out: NonBacktracking patterns are linear in the text, and the others are anchored with loops
            // over distinct words. A wall-clock time-out turned a pause of the process into a failed request.
            return new Entry(entry.Id, null, null, new Regex(expanded, entry.Options, Regex.InfiniteMatchTimeout), [.. Names(entry.Pattern!).Distinct(StringComparer.Ordinal)]);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"{entry.Where}: the pattern is not a valid regular expression ({ex.Message}).", ex);
        }
    }

    private static string Expand(string pattern, Dictionary<string, Entry> lists, Action<string> read, string? where = null) =>
        Reference().Replace(pattern, m =>
        {
            string id = m.Groups["id"].Value;
            if (!lists.TryGetValue(id, out var list) || (list.Words is null && list.Pairs is null))
            {
                throw new InvalidDataException((where is null ? "" : where + ": ") + $"{{{id}}} names no list of words or pairs in the lexicon.");
            }

            read(id);
            var words = list.Words ?? list.Pairs!.Select(p => p.Value).Distinct(StringComparer.Ordinal).ToList();
            return "(?:" + string.Join('|', words.Select(Regex.Escape)) + ")";
        });

    private static IEnumerable<string> Names(string pattern) => Reference().Matches(pattern).Select(m => m.Groups["id"].Value);

    /// <summary>The line on which an id is written (its <paramref name="occurrence"/>-th time), for messages.</summary>
    private static int LineOf(string json, string id, int occurrence)
    {
        var matches = Regex.Matches(json, "\"id\"\\s*:\\s*\"" + Regex.Escape(id) + "\"", RegexOptions.None, Regex.InfiniteMatchTimeout);
        var match = matches.Count > occurrence ? matches[occurrence] : matches.LastOrDefault();
        return match is null ? 0 : json.AsSpan(0, match.Index).Count('\n') + 1;
    }

    // An inline option group that turns on case folding: (?i), (?i:…), (?mi:…), (?si-x:…).
    [GeneratedRegex(@"\(\?[a-z]*i[a-z]*(?:-[a-z]+)?[:)]")]
    private static partial Regex InlineCaseFolding();

    // Ids always have a dot, so a reference can never be read as a quantifier such as {2} or \p{L}.
    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")]
    private static partial Regex IdShape();

    [GeneratedRegex(@"\{(?<id>[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+)\}")]
    private static partial Regex Reference();

    /// <summary>An entry as written, before its pattern is compiled; <paramref name="Where"/> names it in messages.</summary>
    private sealed record RawEntry(string Id, string Where, List<string>? Words, List<KeyValuePair<string, string>>? Pairs, string? Pattern, RegexOptions Options);

    /// <summary>An entry, loaded; <paramref name="Lists"/> are the lists a pattern names, read whenever the pattern is.</summary>
    private sealed record Entry(string Id, IReadOnlyList<string>? Words, IReadOnlyList<KeyValuePair<string, string>>? Pairs, Regex? Pattern, IReadOnlyList<string> Lists)
    {
        public string Kind => Words is not null ? "a list of words" : Pairs is not null ? "pairs" : "a pattern";
    }
}
