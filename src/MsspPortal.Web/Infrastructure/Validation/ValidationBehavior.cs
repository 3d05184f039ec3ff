using FluentValidation;
using Mediator;

namespace MsspPortal.Web.Infrastructure.Validation;

// Validates every message that has a validator before its handler runs, so jobs, the CLI and tests get the same
// checks as the browser (where ValidateArgumentsFilter has already shown them per field).
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                throw new ValidationException(result.Errors);
            }
        }
        return await next(message, cancellationToken);
    }
}
