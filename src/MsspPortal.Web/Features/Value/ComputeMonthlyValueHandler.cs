using Mediator;

namespace MsspPortal.Web.Features.Value;

// Placeholder until the value model lands on this branch; replaced by the calculator (h/value-model).
internal sealed class ComputeMonthlyValueHandler : IQueryHandler<ComputeMonthlyValue, ValueFigures>
{
    public ValueTask<ValueFigures> Handle(ComputeMonthlyValue query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The value model is not merged yet.");
}
