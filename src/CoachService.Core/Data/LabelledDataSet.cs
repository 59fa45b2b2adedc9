using System.Security.Cryptography;
using System.Text;
using CoachService.Core.Detection;

namespace CoachService.Core.Data;

/// <summary>Loads and validates the labelled JSONL files, failing with the file and line of the first problem.</summary>
public static class LabelledDataSet
{
    public static IReadOnlyList<LabelledMessage> LoadDirectory(string directory)
    {
        var files = Directory.GetFiles(directory, "*.jsonl").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"No labelled data (*.jsonl) found in {directory}.");
        }

        return files.SelectMany(LoadFile).ToList();
    }

    public static IReadOnlyList<LabelledMessage> LoadFile(string path)
    {
        var messages = new List<LabelledMessage>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in JsonLines.ReadNumbered<LabelledMessage>(path))
        {
            var message = line.Value;
            var problem = Validate(message);
            if (problem is not null)
            {
                throw new InvalidDataException($"{line.Location}: {problem}");
            }

            if (!ids.Add(message.Id))
            {
                throw new InvalidDataException($"{line.Location}: duplicate id '{message.Id}'");
            }

            messages.Add(message);
        }

        return messages;
    }

    /// <summary>
    /// A fingerprint of the <c>*.jsonl</c> files in some folders of the data directory (relative names and
    /// contents, line endings normalised), so a model card can say which data its model was trained and measured on.
    /// </summary>
    public static string ComputeHash(string dataDirectory, params string[] folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var files = folders
            .SelectMany(folder => Directory.GetFiles(Path.Combine(dataDirectory, folder), "*.jsonl", SearchOption.AllDirectories))
            .Select(f => (Relative: Path.GetRelativePath(dataDirectory, f).Replace('\\', '/'), Full: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, full) in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            sha.AppendData(Encoding.UTF8.GetBytes(File.ReadAllText(full).Replace("\r\n", "\n", StringComparison.Ordinal)));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string? Validate(LabelledMessage message)
    {
        if (string.IsNullOrWhiteSpace(message.Id))
        {
            return "missing id";
        }

        if (message.Sentences is null || message.Sentences.Count == 0)
        {
            return $"{message.Id}: no sentences";
        }

        foreach (var sentence in message.Sentences)
        {
            if (string.IsNullOrWhiteSpace(sentence.Text))
            {
                return $"{message.Id}: empty sentence";
            }

            if (!sentence.Blame)
            {
                continue;
            }

            if (!BlameCategory.IsKnown(sentence.Category))
            {
                return $"{message.Id}: unknown category '{sentence.Category}'";
            }

            if (sentence.Cues is null || sentence.Cues.Count == 0)
            {
                return $"{message.Id}: a blame sentence needs cues";
            }

            var missing = sentence.Cues.FirstOrDefault(c => !sentence.Text.Contains(c, StringComparison.Ordinal));
            if (missing is not null)
            {
                return $"{message.Id}: cue '{missing}' is not in the sentence";
            }
        }

        return null;
    }
}
