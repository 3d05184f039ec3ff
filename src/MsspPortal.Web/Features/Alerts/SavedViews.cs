using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Alerts;

// The views the current user may open: their own and the ones their team shared.
public sealed record ListSavedViews : IQuery<IReadOnlyList<SavedViewItem>>;

public sealed record SavedViewItem(long Id, string Name, string Query, bool Shared, bool IsDefault, bool Mine, string Owner);

internal sealed class ListSavedViewsHandler(PortalDbContext db, ICurrentUser user) : IQueryHandler<ListSavedViews, IReadOnlyList<SavedViewItem>>
{
    public async ValueTask<IReadOnlyList<SavedViewItem>> Handle(ListSavedViews query, CancellationToken cancellationToken)
    {
        var me = user.Id;
        if (me is null)
        {
            return [];
        }
        return await db.SavedViews.AsNoTracking()
            .Where(v => v.OwnerId == me || v.Shared)
            .OrderBy(v => v.OwnerId != me).ThenBy(v => v.Name)
            .Take(100)
            .Select(v => new SavedViewItem(v.Id, v.Name, v.Query, v.Shared, v.OwnerId == me && v.IsDefault, v.OwnerId == me,
                db.Users.Where(u => u.Id == v.OwnerId).Select(u => u.DisplayName).FirstOrDefault() ?? ""))
            .ToListAsync(cancellationToken);
    }
}

// The query string of the user's default view, if they have one.
public sealed record GetDefaultView : IQuery<string?>;

internal sealed class GetDefaultViewHandler(PortalDbContext db, ICurrentUser user) : IQueryHandler<GetDefaultView, string?>
{
    public async ValueTask<string?> Handle(GetDefaultView query, CancellationToken cancellationToken) =>
        user.Id is { } me
            ? await db.SavedViews.AsNoTracking().Where(v => v.OwnerId == me && v.IsDefault).Select(v => v.Query).FirstOrDefaultAsync(cancellationToken)
            : null;
}

// Saves the queue's current filter under a name; saving a name the user already has replaces that view.
public sealed record SaveView(string Name, string Query, bool Shared, bool IsDefault) : ICommand<long?>;

public sealed class SaveViewValidator : AbstractValidator<SaveView>
{
    public SaveViewValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Query).NotNull().MaximumLength(1000);
    }
}

internal sealed class SaveViewHandler(PortalDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SaveView, long?>
{
    public async ValueTask<long?> Handle(SaveView command, CancellationToken cancellationToken)
    {
        if (user.Id is not { } me)
        {
            return null;
        }
        var name = command.Name.Trim();
        var existing = await db.SavedViews.Where(v => v.OwnerId == me && v.Name == name).ToListAsync(cancellationToken);
        db.SavedViews.RemoveRange(existing);
        var view = SavedView.Create(me, name, command.Query.TrimStart('?'), command.Shared, clock.GetUtcNow());
        if (command.IsDefault)
        {
            // One default per user: the new one takes over.
            foreach (var other in await db.SavedViews.Where(v => v.OwnerId == me && v.IsDefault).ToListAsync(cancellationToken))
            {
                other.MakeDefault(false);
            }
            view.MakeDefault(true);
        }
        db.SavedViews.Add(view);
        await db.SaveChangesAsync(cancellationToken);
        return view.Id;
    }
}

// Deletes one of the user's own views; another user's view is simply not found.
public sealed record DeleteView(long ViewId) : ICommand<bool>;

internal sealed class DeleteViewHandler(PortalDbContext db, ICurrentUser user) : ICommandHandler<DeleteView, bool>
{
    public async ValueTask<bool> Handle(DeleteView command, CancellationToken cancellationToken)
    {
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == command.ViewId && v.OwnerId == user.Id, cancellationToken);
        if (view is null)
        {
            return false;
        }
        db.SavedViews.Remove(view);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
