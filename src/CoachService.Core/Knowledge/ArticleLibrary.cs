using System.Text.RegularExpressions;

namespace CoachService.Core.Knowledge;

/// <summary>
/// The coaching articles in <c>seeds/*.md</c>, parsed and validated once at start-up. A malformed file stops
/// the service with the file and line of the problem, so a citation can never point at text that is not there.
/// </summary>
public sealed partial class ArticleLibrary
{
    private readonly Dictionary<string, Article> _byId;

    /// <param name="articles">The articles.</param>
    /// <param name="version">The article set's version (a hash of its files); empty when built in memory.</param>
    public ArticleLibrary(IEnumerable<Article> articles, string version = "")
    {
        Version = version;
        ArgumentNullException.ThrowIfNull(articles);
        Articles = articles.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        _byId = Articles.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Article> Articles { get; }

    /// <summary>The article set's version: a hash of the files it was loaded from, so a changed article changes it.</summary>
    public string Version { get; }

    public Article? Find(string id) => _byId.GetValueOrDefault(id);

    public static ArticleLibrary LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The articles folder {directory} is missing.");
        }

        var files = Directory.GetFiles(directory, "*.md").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"No articles (*.md) found in {directory}.");
        }

        var articles = files.Select(f => Parse(File.ReadAllLines(f), f)).ToList();
        var duplicate = articles.GroupBy(a => a.Id).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? new ArticleLibrary(articles, Models.ModelFile.ShortHash([.. files]))
            : throw new InvalidDataException($"{directory}: article id '{duplicate.Key}' is used by more than one file.");
    }

    /// <summary>Parses one article; every problem names the file and line.</summary>
    public static Article Parse(IReadOnlyList<string> lines, string path)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0 || lines[0] != "---")
        {
            throw Problem(path, 1, "must start with a '---' front matter line");
        }

        var front = new Dictionary<string, string>(StringComparer.Ordinal);
        int i = 1;
        for (; i < lines.Count && lines[i] != "---"; i++)
        {
            var match = FrontMatterLine().Match(lines[i]);
            if (!match.Success)
            {
                throw Problem(path, i + 1, "front matter lines look like 'key: value'");
            }

            front[match.Groups["key"].Value] = match.Groups["value"].Value.Trim();
        }

        if (i >= lines.Count)
        {
            throw Problem(path, lines.Count, "front matter is not closed with '---'");
        }

        foreach (var key in new[] { "id", "title", "summary" })
        {
            if (!front.TryGetValue(key, out var value) || value.Length == 0)
            {
                throw Problem(path, i + 1, $"front matter needs '{key}'");
            }
        }

        string id = front["id"];
        if (!Slug().IsMatch(id) || id != Path.GetFileNameWithoutExtension(path))
        {
            throw Problem(path, 2, $"id '{id}' must be lower-case-kebab and match the file name");
        }

        var intro = new List<string>();
        var sections = new List<ArticleSection>();
        SectionBuilder? current = null;
        for (i++; i < lines.Count; i++)
        {
            string line = lines[i];
            int lineNumber = i + 1;
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    sections.Add(current.Build(path));
                }

                var heading = Heading().Match(line);
                if (!heading.Success)
                {
                    throw Problem(path, lineNumber, "a section heading looks like '## Heading {#section-id}'");
                }

                string sectionId = heading.Groups["id"].Value;
                if (sections.Any(s => s.Id == sectionId))
                {
                    throw Problem(path, lineNumber, $"section id '{sectionId}' is used twice");
                }

                current = new SectionBuilder(sectionId, heading.Groups["heading"].Value.Trim(), lineNumber);
            }
            else if (line.StartsWith('#'))
            {
                throw Problem(path, lineNumber, "only '## ' section headings are allowed");
            }
            else if (current is null)
            {
                intro.Add(line);
            }
            else
            {
                current.Add(line, path, lineNumber);
            }
        }

        if (current is not null)
        {
            sections.Add(current.Build(path));
        }

        if (sections.Count == 0)
        {
            throw Problem(path, lines.Count, "an article needs at least one '## ' section");
        }

        return new Article(id, front["title"], front["summary"], string.Join(' ', intro.Where(l => l.Length > 0)).Trim(), sections);
    }

    /// <summary>The most reflective questions a section may hold.</summary>
    public const int MaxQuestions = 14;

    /// <summary>
    /// "- Question? {for: sender; chores, parenting}": the side is sender, partner or both; the concerns are
    /// concern ids (<see cref="Rewriting.Concern.All"/>, not "general") or the single word "any".
    /// </summary>
    private static ArticleQuestion ParseQuestion(string text, string path, int lineNumber)
    {
        var match = QuestionLine().Match(text);
        if (!match.Success)
        {
            throw Problem(path, lineNumber, "after 'Reflect:' every line is '- Question? {for: sender|partner|both; concern, concern… or any}'");
        }

        var side = Enum.Parse<QuestionSide>(match.Groups["side"].Value, ignoreCase: true);
        var concerns = match.Groups["concerns"].Value.Split(',', StringSplitOptions.TrimEntries);
        if (concerns is ["any"])
        {
            return new ArticleQuestion(match.Groups["text"].Value, side, []);
        }

        var unknown = concerns.FirstOrDefault(c => c == Rewriting.Concern.General || !Rewriting.Concern.All.Contains(c));
        return unknown is null
            ? new ArticleQuestion(match.Groups["text"].Value, side, concerns)
            : throw Problem(path, lineNumber, $"'{unknown}' is not a concern (use {string.Join(", ", Rewriting.Concern.All.Where(c => c != Rewriting.Concern.General))}, or 'any' alone)");
    }

    private static InvalidDataException Problem(string path, int line, string message) => new($"{path}:{line}: {message}.");

    [GeneratedRegex(@"^(?<key>[a-z]+):\s*(?<value>.*)$")]
    private static partial Regex FrontMatterLine();

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex(@"^- (?<text>\S.*\?) \{for: (?<side>sender|partner|both); (?<concerns>[a-z_]+(?:, [a-z_]+)*)\}$")]
    private static partial Regex QuestionLine();

    [GeneratedRegex(@"^## (?<heading>.+?) \{#(?<id>[a-z0-9]+(?:-[a-z0-9]+)*)\}$")]
    private static partial Regex Heading();

    private sealed class SectionBuilder(string id, string heading, int line)
    {
        private readonly List<string> _paragraphs = [];
        private readonly List<ArticleQuestion> _questions = [];
        private readonly List<string> _soundsLike = [];
        private readonly List<string> _paragraph = [];
        private Part _part = Part.Body;

        private enum Part
        {
            Body,
            SoundsLike,
            Questions,
        }

        public void Add(string text, string path, int lineNumber)
        {
            if (text == "Sounds like:")
            {
                if (_part != Part.Body)
                {
                    throw Problem(path, lineNumber, "'Sounds like:' comes once, after the body and before 'Reflect:'");
                }

                Flush();
                _part = Part.SoundsLike;
                return;
            }

            if (text == "Reflect:")
            {
                Flush();
                _part = Part.Questions;
                return;
            }

            if (_part == Part.SoundsLike)
            {
                if (text.Length == 0)
                {
                    return;
                }

                if (!text.StartsWith("- ", StringComparison.Ordinal) || text.Length < 4)
                {
                    throw Problem(path, lineNumber, "after 'Sounds like:' every line is a '- ' example of what someone might say");
                }

                _soundsLike.Add(text[2..].Trim());
                return;
            }

            if (_part == Part.Questions)
            {
                if (text.Length == 0)
                {
                    return;
                }

                _questions.Add(ParseQuestion(text, path, lineNumber));
                return;
            }

            if (text.Length == 0)
            {
                Flush();
            }
            else
            {
                _paragraph.Add(text.Trim());
            }
        }

        public ArticleSection Build(string path)
        {
            Flush();
            if (_paragraphs.Count == 0)
            {
                throw Problem(path, line, $"section '{id}' has no body text");
            }

            if (_questions.Count is < 2 or > MaxQuestions)
            {
                throw Problem(path, line, $"section '{id}' must end with 'Reflect:' and 2 to {MaxQuestions} questions (it has {_questions.Count})");
            }

            return new ArticleSection(id, heading, _paragraphs.ToList(), _questions.ToList(), _soundsLike.ToList());
        }

        private void Flush()
        {
            if (_paragraph.Count > 0)
            {
                _paragraphs.Add(string.Join(' ', _paragraph));
                _paragraph.Clear();
            }
        }
    }
}
