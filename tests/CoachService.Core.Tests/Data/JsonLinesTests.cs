using CoachService.Core.Data;

namespace CoachService.Core.Tests.Data;

public sealed class JsonLinesTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"coach-jsonl-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    private sealed record Row(string Id, int Count);

    [Fact]
    public void Read_BlankLines_AreSkippedAndValuesReadCamelCase()
    {
        File.WriteAllText(_path, "{\"id\":\"a\",\"count\":1}\n\n   \r\n{\"id\":\"b\",\"count\":2}\n");

        var rows = JsonLines.Read<Row>(_path).ToList();

        Assert.Equal([new Row("a", 1), new Row("b", 2)], rows);
    }

    [Fact]
    public void Read_InvalidJson_FailsNamingFileAndLine()
    {
        File.WriteAllText(_path, "{\"id\":\"a\",\"count\":1}\n\n{\"id\":\"b\",\"count\":\n");

        var ex = Assert.Throws<InvalidDataException>(() => JsonLines.Read<Row>(_path).ToList());

        Assert.StartsWith($"{_path}:3: not valid JSON (", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NullLine_FailsNamingFileAndLine()
    {
        File.WriteAllText(_path, "null\n");

        var ex = Assert.Throws<InvalidDataException>(() => JsonLines.Read<Row>(_path).ToList());

        Assert.Equal($"{_path}:1: empty record", ex.Message);
    }

    [Fact]
    public void ReadNumbered_Reader_GivesEachValueItsSourceAndLine()
    {
        using var reader = new StringReader("\n{\"id\":\"a\",\"count\":1}\n");

        var line = Assert.Single(JsonLines.ReadNumbered<Row>(reader, "rows.jsonl"));

        Assert.Equal(new Row("a", 1), line.Value);
        Assert.Equal("rows.jsonl:2", line.Location);
    }
}
