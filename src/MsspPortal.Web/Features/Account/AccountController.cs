using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Logging;

namespace MsspPortal.Web.Features.Account;

[AllowAnonymous]
public sealed class AccountController(SignInManager<PortalUser> signIn, IPasswordHasher<PortalUser> hasher, SignInThrottle throttle, ILogger<AccountController> logger) : Controller
{
    // One message for a wrong password, an unknown address and a locked account: a different answer for accounts
    // that exist would tell an attacker which addresses to attack.
    public const string FailedMessage =
        "Email or password is wrong, or the account is locked after repeated failed sign-ins (it unlocks 15 minutes later).";

    private static string? s_unknownUserHash;

    [HttpGet]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        if (throttle.TryAttempt(HttpContext.Connection.RemoteIpAddress) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError("", $"Too many sign-in attempts from your network. Try again in {seconds} s.");
            form.Password = "";
            return View(form);
        }
        var user = await signIn.UserManager.FindByNameAsync(form.Email);
        var lockedBefore = user is not null && await signIn.UserManager.IsLockedOutAsync(user);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            // lockoutOnFailure: five wrong passwords lock the account for 15 minutes (see AddPortal).
            : await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }
        // The address typed is personal data: the log holds its keyed pseudonym, never the address.
        AccountLog.SignInFailed(logger, form.Email, user is null ? "unknown account" : lockedBefore || result.IsLockedOut ? "account locked" : "wrong password");
        if (user is null || lockedBefore)
        {
            // Identity hashes nothing for an unknown or locked account; hash anyway, so the time taken tells nothing either.
            SpendPasswordCheck(form.Password);
        }
        ModelState.AddModelError("", FailedMessage);
        form.Password = "";
        return View(form);
    }

    private void SpendPasswordCheck(string password)
    {
        var standIn = new PortalUser();
        s_unknownUserHash ??= hasher.HashPassword(standIn, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(standIn, s_unknownUserHash, password);
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

internal static partial class AccountLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Sign-in failed for {UserName}: {Reason}")]
    public static partial void SignInFailed(ILogger logger, [Personal] string userName, string reason);
}
