using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cme.Api.Http;

/// <summary>
/// The one place a request body's strings are checked for control characters: a NUL or any other
/// C0 control character except tab, carriage return and line feed is refused while the JSON is
/// read, so no endpoint (and no database) ever sees one. The refusal carries the JSON path, which
/// <see cref="ProblemExceptionHandler"/> turns into a 400 naming the field.
/// </summary>
internal sealed class NoControlCharactersConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException(); // a number or object where text belongs: the usual "malformed"
        return Checked(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string Checked(string value) =>
        value.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') is var i and >= 0 && HasControl(value.AsSpan(i))
            ? throw new ControlCharacterException()
            : value;

    private static bool HasControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c < ' ' && c is not ('\t' or '\r' or '\n'))
                return true;
        return false;
    }
}

/// <summary>A string in a request body holds a control character; the serializer fills in its path.</summary>
internal sealed class ControlCharacterException() : JsonException("A string holds a control character.");
