package dev.postern.collect;

import dev.postern.model.BadInputException;
import dev.postern.model.CollectionError;
import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Collects a live account (or several, by assumed roles) over a bounded pool: every account ×
 * region × fetch unit is one task. The result does not depend on the order tasks finish in:
 * scopes are sorted, and answers keep the order of {@link FetchUnit#ALL}.
 */
public final class LiveCollector {
  /** Calls in flight: enough to hide the latency of a few regions' calls; adaptive retry slows it if AWS throttles. */
  public static final int DEFAULT_PARALLELISM = 16;
  private static final Pattern ROLE_ACCOUNT = Pattern.compile("^arn:aws[a-z-]*:iam::(\\d{12}):role/");
  /** Where account-wide calls go (GetCallerIdentity, DescribeRegions) when no region is given. */
  private static final String FALLBACK_HOME = "us-east-1";

  /** Told after each service × region is done (all its units), with the errors so far. */
  public interface Progress {
    Progress NONE = (done, total, errors) -> { };

    void update(int done, int total, int errors);
  }

  private final ClientFactory clients;
  private final int parallelism;
  private final Progress progress;
  private final AtomicLong calls = new AtomicLong();

  public LiveCollector(ClientFactory clients, int parallelism, Progress progress) {
    if (parallelism < 1) throw new BadInputException("--parallelism", "must be at least 1");
    this.clients = clients;
    this.parallelism = parallelism;
    this.progress = progress;
  }

  /** API calls made by the last {@link #collect} (pages count one each). */
  public long calls() {
    return calls.get();
  }

  /**
   * @param regions the regions asked for, or empty for the environment's or profile's
   * @param allRegions every region enabled for each account (EC2 DescribeRegions)
   * @param roles roles to assume, one account each; empty for the caller's own account
   */
  public Collection collect(List<String> regions, boolean allRegions, List<String> roles) {
    if (allRegions && !regions.isEmpty()) throw new BadInputException("--all-regions", "give either --region or --all-regions, not both");
    Optional<String> fallback = clients.defaultRegion();
    List<String> asked = !regions.isEmpty() ? dedupe(regions) : fallback.map(List::of).orElse(List.of());
    if (asked.isEmpty() && !allRegions) {
      throw new BadInputException("", "no region: give --region REGION (repeatable) or --all-regions, or set AWS_REGION"
          + " or a region in your AWS profile");
    }
    String regionSource = regions.isEmpty() ? clients.defaultRegionSource() : "--region";
    calls.set(0);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "postern-collect");
      t.setDaemon(true);
      return t;
    });
    try {
      // Account-wide calls go to the first region asked for when it is a real one.
      String home = allRegions ? fallback.filter(RegionNames::known).orElse(FALLBACK_HOME) : checkRegions(asked, regionSource);
      List<String> principals = roles.isEmpty() ? List.of("") : roles.stream().distinct().toList();
      List<CollectionError> errors = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      List<Future<Account>> identities = new ArrayList<>();
      for (String role : principals) identities.add(pool.submit(() -> identify(role, home, allRegions)));
      // With the regions known, fetching starts at once, beside GetCallerIdentity (and the first
      // clients load their classes meanwhile); the account id is filled in when it comes. If the
      // identity cannot be established, the scan stops there and what was fetched is dropped.
      List<Account> accounts = new ArrayList<>();
      for (int i = 0; i < principals.size(); i++) {
        Account a = allRegions ? identified(await(identities.get(i))) : new Account(principals.get(i));
        if (!allRegions) a.regions = asked;
        accounts.add(a);
      }
      List<Task> tasks = tasks(accounts);
      Tracker tracker = new Tracker(tasks, progress);
      List<Future<Fetched>> running = new ArrayList<>();
      for (Task t : tasks) running.add(pool.submit(() -> fetch(t, tracker)));
      Map<Account, Account> identified = new LinkedHashMap<>();
      Map<String, Account> byId = new LinkedHashMap<>();
      for (int i = 0; i < accounts.size(); i++) {
        Account a = accounts.get(i);
        Account id = allRegions ? a : identified(await(identities.get(i)));
        errors.addAll(id.errors);
        identified.put(a, id);
        if (byId.containsKey(id.id)) {
          warnings.add("warning: " + describe(a.role) + " is account " + id.id + " again; audited once");
        } else {
          byId.put(id.id, a);
        }
      }
      Map<Scope, Fetched[]> byScope = new TreeMap<>();
      for (int i = 0; i < tasks.size(); i++) {
        Task t = tasks.get(i);
        Fetched out = await(running.get(i));
        Account id = identified.get(t.account);
        if (byId.get(id.id) != t.account) continue; // same account by another role
        String account = id.id;
        Scope scope = new Scope(account, t.scope.region());
        byScope.computeIfAbsent(scope, k -> new Fetched[FetchUnit.ALL.size()])[FetchUnit.ALL.indexOf(t.unit)] = out;
        for (CollectionError e : out.errors) {
          errors.add(new CollectionError(e.service(), e.region(), account, e.operation(), e.code(), e.message()));
        }
      }
      List<ScopeCapture> scopes = new ArrayList<>();
      byScope.forEach((scope, units) -> scopes.add(merge(scope, units)));
      return new Collection(scopes, new ArrayList<>(new TreeSet<>(errors)), warnings);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Every account × region × unit, the first unit of each service first (then the second of
   * each…), so that the services' classes load on threads of their own from the start.
   */
  private List<Task> tasks(List<Account> accounts) {
    List<Task> tasks = new ArrayList<>();
    for (FetchUnit u : byServiceRound()) {
      for (Account a : accounts) {
        for (String region : a.regions) {
          tasks.add(new Task(a, new Scope(a.provisionalId(), region), u, new ScopeClients(clients, a.role, region)));
        }
      }
    }
    return tasks;
  }

  private Fetched fetch(Task t, Tracker tracker) {
    Fetched out = new Fetched(t.scope, t.unit.service());
    try {
      t.unit.fetch().accept(t.clients, out);
    } catch (RuntimeException e) {
      // A client that could not even be built (bad endpoint, bad profile) fails every call of the unit.
      out.fail(t.unit.name(), "", e);
    }
    calls.addAndGet(out.calls);
    tracker.done(t, out.errors.size());
    return out;
  }

  /** One scope's units, in FetchUnit.ALL order whatever order they ran in. */
  private static ScopeCapture merge(Scope scope, Fetched[] units) {
    Set<ResourceKind> collected = EnumSet.noneOf(ResourceKind.class);
    List<Capture> captures = new ArrayList<>();
    for (Fetched out : units) {
      collected.addAll(out.collected);
      captures.addAll(out.captures);
    }
    return new ScopeCapture(scope, collected, captures);
  }

  /** FetchUnit.ALL reordered: the first unit of each service, then the second of each, and so on. */
  private static List<FetchUnit> byServiceRound() {
    Map<String, List<FetchUnit>> byService = new LinkedHashMap<>();
    FetchUnit.ALL.forEach(u -> byService.computeIfAbsent(u.service(), k -> new ArrayList<>()).add(u));
    List<FetchUnit> out = new ArrayList<>();
    for (int round = 0; out.size() < FetchUnit.ALL.size(); round++) {
      for (List<FetchUnit> units : byService.values()) if (round < units.size()) out.add(units.get(round));
    }
    return out;
  }

  private static List<String> dedupe(List<String> regions) {
    return regions.stream().map(String::trim).distinct().sorted().toList();
  }

  /**
   * The regions to audit, each checked before any call: a name the SDK's region metadata knows, or
   * else one the account's EC2 DescribeRegions lists (a region newer than this SDK). Returns the
   * region account-wide calls go to.
   */
  private String checkRegions(List<String> asked, String source) {
    List<String> unknown = asked.stream().filter(r -> !RegionNames.known(r)).toList();
    if (!unknown.isEmpty()) {
      List<String> listed = List.of();
      try {
        DescribeRegionsResponse r = clients.ec2("", FALLBACK_HOME).describeRegions(q -> q.allRegions(true));
        calls.incrementAndGet();
        listed = r.regions().stream().map(x -> x.regionName()).filter(x -> x != null).toList();
      } catch (RuntimeException e) {
        // No answer: the SDK's metadata is all there is to go by.
      }
      for (String name : unknown) {
        if (listed.contains(name)) continue;
        String where = source.equals("--region") ? "--region " + name : "region " + name + " (from " + source + ")";
        throw new BadInputException(where, "no such AWS region" + RegionNames.suggestion(name, listed)
            + "; see 'aws ec2 describe-regions --all-regions'");
      }
    }
    String first = asked.get(0);
    return RegionNames.known(first) ? first : FALLBACK_HOME;
  }

  /** The account of an identity that answered; otherwise the scan stops here, with why and how to fix it. */
  private Account identified(Account a) {
    if (a.failure != null) throw new BadInputException("", clients.identityFailure(a.role, a.failure), a.failure);
    return a;
  }

  /** Who the credentials (or the role) are, and which regions to audit there. */
  private Account identify(String role, String home, boolean allRegions) {
    Account a = new Account(role);
    GetCallerIdentityResponse id;
    try {
      calls.incrementAndGet();
      id = clients.sts(role, home).getCallerIdentity();
    } catch (RuntimeException e) {
      a.failure = e;
      return a;
    }
    if (id.account() == null || id.account().isEmpty()) {
      a.failure = new IllegalStateException("GetCallerIdentity answered without an account id");
      return a;
    }
    a.id = id.account();
    if (!allRegions) return a;
    Fetched ec2 = new Fetched(new Scope(a.id, home), "ec2");
    Optional<DescribeRegionsResponse> enabled;
    try {
      enabled = ec2.one("DescribeRegions", "", () -> clients.ec2(role, home).describeRegions(r -> r.allRegions(false)));
    } catch (RuntimeException e) {
      ec2.fail("DescribeRegions", "", e);
      enabled = Optional.empty();
    }
    calls.addAndGet(ec2.calls);
    a.errors.addAll(ec2.errors);
    a.regions = enabled.map(r -> r.regions().stream().map(x -> x.regionName()).filter(x -> x != null).distinct().sorted().toList())
        .orElse(List.of());
    if (a.regions.isEmpty()) {
      // Nothing to audit is not a clean account: say why the list is empty.
      String why = ec2.errors.isEmpty() ? "it lists none" : ec2.errors.get(0).code() + ": " + ec2.errors.get(0).message();
      throw new BadInputException("--all-regions", "cannot list the regions of account " + a.id + " (ec2:DescribeRegions: "
          + why + "); give --region REGION instead");
    }
    return a;
  }

  private static String accountOfRole(String role) {
    Matcher m = ROLE_ACCOUNT.matcher(role);
    return m.find() ? m.group(1) : "";
  }

  private static String describe(String role) {
    return role.isEmpty() ? "" : "role " + role;
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    }
  }

  private static final class Account {
    final String role;
    String id = "";
    RuntimeException failure;
    List<String> regions = List.of();
    final List<CollectionError> errors = new ArrayList<>();

    Account(String role) {
      this.role = role;
    }

    /** The account as known before STS answers: from the role's ARN, or unknown. */
    String provisionalId() {
      return id.isEmpty() ? accountOfRole(role) : id;
    }
  }

  private record Task(Account account, Scope scope, FetchUnit unit, ScopeClients clients) {}

  /** Counts service × region pairs whose units are all done. */
  private static final class Tracker {
    private final Map<String, AtomicInteger> left = new HashMap<>();
    private final int total;
    private final Progress progress;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger errors;

    Tracker(List<Task> tasks, Progress progress) {
      for (Task t : tasks) left.computeIfAbsent(key(t), k -> new AtomicInteger()).incrementAndGet();
      this.total = left.size();
      this.progress = progress;
      this.errors = new AtomicInteger();
    }

    private static String key(Task t) {
      return t.account.role + "|" + t.scope.region() + "|" + t.unit.service();
    }

    void done(Task t, int newErrors) {
      int e = errors.addAndGet(newErrors);
      if (left.get(key(t)).decrementAndGet() == 0) {
        int d = done.incrementAndGet();
        synchronized (this) {
          progress.update(d, total, e);
        }
      } else if (newErrors > 0) {
        synchronized (this) {
          progress.update(done.get(), total, e);
        }
      }
    }
  }
}
