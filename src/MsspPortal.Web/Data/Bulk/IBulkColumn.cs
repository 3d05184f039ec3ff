namespace MsspPortal.Web.Data.Bulk;

/// <summary>What a bulk column claims about the entity property it writes; BulkTableTests hold it against the EF model.</summary>
internal interface IBulkColumn
{
    /// <summary>The EF property name; its column name is read from the model.</summary>
    string Property { get; }

    /// <summary>The CLR type of the value the column reads, which must be the property's.</summary>
    Type ClrType { get; }

    /// <summary>Whether an enum is written as its name (the property must be mapped to a string).</summary>
    bool WritesEnumName { get; }
}
