using System.Text.Json;

namespace CoachService.Core.Data;

/// <summary>
/// Reads JSON-lines files, one JSON value a line, skipping blank lines. A line that is not valid JSON (or is
/// <c>null</c>) fails with the file and line, so every data file the service, the trainer and the tests read fails
/// the same loud way.
/// </summary>
public static class JsonLines
{
    /// <param name="path">The file.</param>
    /// <param name="options">How to read each value; <see cref="JsonSerializerOptions.Web"/> (camelCase, as every file here is written) when null.</param>
    public static IEnumerable<T> Read<T>(string path, JsonSerializerOptions? options = null) =>
        ReadNumbered<T>(path, options).Select(line => line.Value);

    /// <summary>Each value with where it was read, for a caller that goes on to validate it and must name the line.</summary>
    public static IEnumerable<JsonLine<T>> ReadNumbered<T>(string path, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse<T>(File.ReadLines(path), path, options);
    }

    /// <param name="reader">The lines; the caller disposes it after reading them all.</param>
    /// <param name="source">Where they come from (an embedded file's name), for messages.</param>
    /// <param name="options">As for <see cref="Read{T}(string, JsonSerializerOptions?)"/>.</param>
    public static IEnumerable<JsonLine<T>> ReadNumbered<T>(TextReader reader, string source, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Parse<T>(Lines(reader), source, options);
    }

    private static IEnumerable<string> Lines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static IEnumerable<JsonLine<T>> Parse<T>(IEnumerable<string> lines, string source, JsonSerializerOptions? options)
    {
        options ??= JsonSerializerOptions.Web;
        int number = 0;
        foreach (string line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            T? value;
            try
            {
                value = JsonSerializer.Deserialize<T>(line, options);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{source}:{number}: not valid JSON ({ex.Message})", ex);
            }

            yield return value is null
                ? throw new InvalidDataException($"{source}:{number}: empty record")
                : new JsonLine<T>(value, source, number);
        }
    }
}

/// <summary>A value read from a JSON-lines file, and the file and line it came from.</summary>
public readonly record struct JsonLine<T>(T Value, string Source, int Number)
{
    /// <summary>"file:line", how every message about this value starts.</summary>
    public string Location => $"{Source}:{Number}";
}
