using System.Text.Json;

namespace MsspPortal.Web.Pipeline;

// Finds the records of a line that is a JSON array of objects ( [{...},{...}] ) or a CloudTrail file (
// {"Records":[{...}]} , nothing else in the object). Anything else — an ordinary JSON event, invalid JSON, an array
// of scalars — is not split and stays one line. An ordinary event costs one token: its first property is not
// "Records".
internal static class JsonRecords
{
    public static bool TrySplit(ReadOnlySpan<byte> line, List<Range> records)
    {
        records.Clear();
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
            if (!reader.Read())
            {
                return false;
            }
            var envelope = reader.TokenType == JsonTokenType.StartObject;
            if (envelope)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("Records"u8) || !reader.Read())
                {
                    return false;
                }
            }
            if (reader.TokenType != JsonTokenType.StartArray || !ReadElements(ref reader, records))
            {
                return false;
            }
            if (envelope && (!reader.Read() || reader.TokenType != JsonTokenType.EndObject))
            {
                return false; // other properties beside Records: not a CloudTrail file, keep the line as it is
            }
            return !reader.Read() && records.Count > 0;
        }
        catch (JsonException)
        {
            records.Clear();
            return false; // the parser quarantines it with its own reason
        }
    }

    private static bool ReadElements(ref Utf8JsonReader reader, List<Range> records)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            records.Add(new Range(start, (int)reader.BytesConsumed));
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }
}
