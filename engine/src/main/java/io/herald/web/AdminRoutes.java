package io.herald.web;

import io.herald.account.Account;
import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.herald.account.Accounts;
import io.herald.account.Users;
import io.herald.paging.Page;
import io.herald.paging.SortedPages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/** Administrator routes: creating, listing and deleting accounts. */
final class AdminRoutes {
  private final Auth auth;
  private final Accounts accounts;
  private final AccountStore store;
  private final Users users;

  AdminRoutes(Auth auth, Accounts accounts, AccountStore store, Users users) {
    this.auth = auth;
    this.accounts = accounts;
    this.store = store;
    this.users = users;
  }

  /** Request body of account creation. */
  record CreateAccount(String name) {}

  void register(Javalin app) {
    app.post("/api/admin/accounts", this::create);
    app.get("/api/admin/accounts", this::list);
    app.delete("/api/admin/accounts/{id}", this::delete);
  }

  private void create(Context ctx) {
    auth.admin(ctx);
    CreateAccount request = JsonBodies.read(ctx, CreateAccount.class);
    try {
      Accounts.Created created = accounts.create(request.name());
      Map<String, Object> view = Views.account(created.account());
      view.put("apiKey", created.apiKey());
      ctx.status(201).json(view);
    } catch (Accounts.AccountRefused e) {
      throw e.getMessage().contains("already exists")
          ? Problem.conflict(e.getMessage())
          : Problem.badRequest(e.getMessage());
    }
  }

  private void delete(Context ctx) {
    auth.admin(ctx);
    String id = ctx.pathParam("id");
    AccountId account;
    try {
      account = new AccountId(id);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("no account " + id);
    }
    if (!store.deleteWithAllData(account)) {
      throw Problem.notFound("no account " + id);
    }
    users.removeAccount(account); // its people too (R12); their sessions then sign in nobody
    ctx.status(204);
  }

  private void list(Context ctx) {
    auth.admin(ctx);
    Paging paging = Paging.read(ctx, "accounts");
    Page<Account> page =
        SortedPages.page(
            store.all(),
            a -> SortedPages.timeKey(a.createdAt(), a.id().value()),
            paging.after(),
            paging.limit());
    ctx.json(paging.body("accounts", page.map(Views::account)));
  }
}
