using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Account;

[AllowAnonymous]
public sealed class AccountController(SignInManager<PortalUser> signIn) : Controller
{
    [HttpGet]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        // lockoutOnFailure: five wrong passwords lock the account for 15 minutes (see AddPortal).
        var result = await signIn.PasswordSignInAsync(form.Email, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }
        ModelState.AddModelError("", result.IsLockedOut
            ? "This account is locked after repeated failed sign-ins. Try again in 15 minutes."
            : "Email or password is wrong.");
        form.Password = "";
        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [HttpGet]
    public IActionResult AccessDenied() => View();
}

public sealed class LoginForm
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter your email.").EmailAddress();
        RuleFor(f => f.Password).NotEmpty().WithMessage("Enter your password.");
    }
}
