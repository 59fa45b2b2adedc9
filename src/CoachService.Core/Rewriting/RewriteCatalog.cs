using System.Text.Json;
using CoachService.Core.Data;

namespace CoachService.Core.Rewriting;

/// <summary>
/// What the service knows of one concern: the feelings a rewrite may name (the first is the one it uses), the needs
/// an LLM rewrite may name, and the concern's situation in neutral words (a retrieval hint for the questions; never
/// put in a rewrite in place of the sender's own). Requests come from the sender's situation, not from here.
/// </summary>
public sealed record ConcernProfile(
    string Concern,
    IReadOnlyList<string> Feelings,
    IReadOnlyList<string> Needs,
    string Situation);

/// <summary>
/// The feelings, needs and per-concern wording the rewriter draws on, loaded from the data files in
/// <c>Rewriting/</c> and checked against each other when loaded: a profile may only name catalog feelings and
/// needs, and no feeling may be one of the accusing pseudo-feelings.
/// </summary>
public sealed class RewriteCatalog
{
    private readonly Dictionary<string, ConcernProfile> _profiles;

    private RewriteCatalog(IReadOnlyList<string> feelings, IReadOnlyList<string> notFeelings, IReadOnlyList<string> needs, Dictionary<string, ConcernProfile> profiles)
    {
        Feelings = feelings;
        NotFeelings = notFeelings;
        Needs = needs;
        _profiles = profiles;
    }

    public IReadOnlyList<string> Feelings { get; }

    /// <summary>Words that sound like feelings but accuse ("ignored", "disrespected"); never used.</summary>
    public IReadOnlyList<string> NotFeelings { get; }

    public IReadOnlyList<string> Needs { get; }

    public IReadOnlyCollection<ConcernProfile> Profiles => _profiles.Values;

    public ConcernProfile For(string concern) =>
        _profiles.TryGetValue(concern, out var profile) ? profile : _profiles[Concern.General];

    public static RewriteCatalog LoadEmbedded()
    {
        var (feelings, notFeelings) = ReadFeelings(Read("feelings.json"), "Rewriting/feelings.json");
        var needs = ReadList(Read("needs.json"), "needs", "Rewriting/needs.json");
        var profiles = ReadProfiles(Read("concerns.jsonl"), "Rewriting/concerns.jsonl", feelings, needs);
        return new RewriteCatalog(feelings, notFeelings, needs, profiles);
    }

    private static string Read(string name)
    {
        string resource = $"CoachService.Core.Rewriting.{name}";
        using var stream = typeof(RewriteCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static (IReadOnlyList<string> Feelings, IReadOnlyList<string> NotFeelings) ReadFeelings(string json, string source)
    {
        var feelings = ReadList(json, "feelings", source);
        var notFeelings = ReadList(json, "notFeelings", source);
        var overlap = feelings.Intersect(notFeelings, StringComparer.OrdinalIgnoreCase).ToList();
        if (overlap.Count > 0)
        {
            throw new InvalidDataException($"{source}: {string.Join(", ", overlap)} cannot be both a feeling and an accusing pseudo-feeling.");
        }

        return (feelings, notFeelings);
    }

    private static List<string> ReadList(string json, string property, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var list = document.RootElement.GetProperty(property).EnumerateArray().Select(e => e.GetString() ?? "").ToList();
            if (list.Count == 0 || list.Any(string.IsNullOrWhiteSpace) || list.Distinct(StringComparer.OrdinalIgnoreCase).Count() != list.Count)
            {
                throw new InvalidDataException($"{source}: '{property}' must be a non-empty list of distinct words.");
            }

            return list;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{source}: cannot read '{property}' ({ex.Message}).", ex);
        }
    }

    private static Dictionary<string, ConcernProfile> ReadProfiles(string jsonl, string source, IReadOnlyList<string> feelings, IReadOnlyList<string> needs)
    {
        var profiles = new Dictionary<string, ConcernProfile>(StringComparer.Ordinal);
        using var reader = new StringReader(jsonl);
        foreach (var line in JsonLines.ReadNumbered<ConcernProfile>(reader, source))
        {
            var profile = line.Value;
            string where = line.Location;
            if (!Concern.All.Contains(profile.Concern))
            {
                throw new InvalidDataException($"{where}: unknown concern '{profile.Concern}'.");
            }

            if (profile.Feelings is not { Count: > 0 } || profile.Feelings.Any(f => !feelings.Contains(f)))
            {
                throw new InvalidDataException($"{where}: feelings must come from feelings.json.");
            }

            if (profile.Needs is not { Count: > 0 } || profile.Needs.Any(n => !needs.Contains(n)))
            {
                throw new InvalidDataException($"{where}: needs must come from needs.json.");
            }

            if (string.IsNullOrWhiteSpace(profile.Situation))
            {
                throw new InvalidDataException($"{where}: situation is required.");
            }

            if (!profiles.TryAdd(profile.Concern, profile))
            {
                throw new InvalidDataException($"{where}: concern '{profile.Concern}' appears twice.");
            }
        }

        var missing = Concern.All.Where(c => !profiles.ContainsKey(c)).ToList();
        return missing.Count == 0
            ? profiles
            : throw new InvalidDataException($"{source}: no profile for {string.Join(", ", missing)}.");
    }
}
