using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MsspPortal.Web.Infrastructure.Validation;

// Runs FluentValidation on every action argument that has a validator and copies the errors into ModelState under
// the field names the views bind to, so a rejected form is shown again with its messages and input.
internal sealed class ValidateArgumentsFilter(IServiceProvider services) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is null)
            {
                continue;
            }
            var validatorType = typeof(IValidator<>).MakeGenericType(argument.GetType());
            if (services.GetService(validatorType) is not IValidator validator)
            {
                continue;
            }
            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            foreach (var error in result.Errors)
            {
                context.ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
        }
        await next();
    }
}
