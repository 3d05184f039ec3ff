using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Home;

public sealed class HomeController : Controller
{
    /// <summary>Each kind of person starts where their work is.</summary>
    public IActionResult Index() => User.IsMsspStaff()
        ? RedirectToAction("Index", "Alerts")
        : RedirectToAction("Index", "Value");

    [AllowAnonymous]
    public IActionResult Error() => View();
}
