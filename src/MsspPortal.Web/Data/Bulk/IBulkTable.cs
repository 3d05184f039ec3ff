namespace MsspPortal.Web.Data.Bulk;

/// <summary>A bulk table descriptor seen without its row type, so one test can check them all against the model.</summary>
internal interface IBulkTable
{
    Type Entity { get; }

    IReadOnlyList<IBulkColumn> Columns { get; }

    /// <summary>Mapped properties the database fills (the identity key), which the descriptor leaves out on purpose.</summary>
    IReadOnlyList<string> Generated { get; }
}
