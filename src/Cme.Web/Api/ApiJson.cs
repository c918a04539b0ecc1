using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cme.Web.Api;

/// <summary>The API speaks camelCase JSON with enums as strings.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
