using System.Buffers.Binary;

namespace Cme.Infrastructure.Documents;

/// <summary>
/// Takes one font out of a TrueType collection (.ttc), which PDFsharp cannot read: the face's
/// table directory is rewritten with offsets into a new, stand-alone .ttf. Table data is copied
/// unchanged, so the tables' checksums stay right.
/// </summary>
public static class TrueTypeCollection
{
    public static bool IsCollection(ReadOnlySpan<byte> font) => font.Length >= 12 && font[..4].SequenceEqual("ttcf"u8);

    public static byte[] ExtractFace(byte[] collection, int index)
    {
        if (!IsCollection(collection))
            throw new InvalidDataException("Not a TrueType collection (no 'ttcf' header).");
        var faces = BinaryPrimitives.ReadInt32BigEndian(collection.AsSpan(8));
        if (index < 0 || index >= faces)
            throw new ArgumentOutOfRangeException(nameof(index), $"The collection has {faces} faces.");
        var directory = (int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(12 + 4 * index));
        var tableCount = BinaryPrimitives.ReadUInt16BigEndian(collection.AsSpan(directory + 4));
        var headerLength = 12 + 16 * tableCount;
        var tables = Enumerable.Range(0, tableCount).Select(i =>
        {
            var record = collection.AsSpan(directory + 12 + 16 * i, 16);
            return (Record: record.ToArray(), Offset: (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]),
                Length: (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }).ToList();

        using var output = new MemoryStream();
        output.Write(collection, directory, 12);
        var next = headerLength;
        foreach (var table in tables)
        {
            BinaryPrimitives.WriteUInt32BigEndian(table.Record.AsSpan(8), (uint)next);
            output.Write(table.Record);
            next += (table.Length + 3) & ~3;
        }
        foreach (var table in tables)
        {
            output.Write(collection, table.Offset, table.Length);
            output.Write(new byte[((table.Length + 3) & ~3) - table.Length]);
        }
        return output.ToArray();
    }
}
