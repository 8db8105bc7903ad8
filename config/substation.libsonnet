// substation.libsonnet: the configuration library of Substation for C++.
//
// Offers the functions of the Substation v2.8 Jsonnet library and produces the same
// configuration documents, generated ids included. Use it either as ext code
// (`local sub = std.extVar('sub');`, how the CLI provides it) or by importing it
// (`local sub = import 'substation.libsonnet';`).
//
// Every transform builder returns `{type, settings}` where
//   settings = prune(std.mergePatch(defaults + {id}, expanded(user settings)))
// (computed by mergePrune, which gives the same result in one pass)
// so nulls and empty values disappear, user keys replace defaults (objects merge deeply,
// arrays are replaced) and the id is
//   md5(type)[:8] + '-' + md5(std.toString(user settings as written))[:8].
// Condition, KV store and secret builders work the same way without an id.
//
// Short names that are expanded before merging:
//   obj -> object; inside the object block src -> source_key, trg -> target_key,
//   btch -> batch_key; aux_tforms -> auxiliary_transforms (send transforms);
//   hdr -> headers (send.http.post); sep -> separator (string.split);
//   repl -> replacement (string.replace).
// Where this library deliberately differs from the v2.8 one (it repairs the v2.8 defects),
// see docs/compatibility.md, section "Jsonnet library".

// ---------------------------------------------------------------------------------------
// Internal machinery (not part of the public surface).

local has = std.objectHas;

// Lists pass through; any other value becomes a one-element list.
local asList(x) = if std.isArray(x) then x else [x];

// std.prune, with each value pruned once: std.prune prunes every member twice (once to
// test it, once to keep it), which doubles per level of nesting, and libjsonnet does not
// cache object fields, so a meta_switch's cases were built hundreds of times.
local isContent(b) =
  !(b == null || ((std.isArray(b) || std.isObject(b)) && std.length(b) == 0));
local prune(a) =
  if std.isArray(a) then
    std.filter(isContent, std.map(prune, a))
  else if std.isObject(a) then
    local kept = std.filter(function(p) isContent(p[1]),
                            [[k, prune(a[k])] for k in std.objectFields(a)]);
    { [p[0]]: p[1] for p in kept }
  else
    a;

// prune(std.mergePatch(target, patch)) in one pass that reads every field of both once.
// std.mergePatch reads each field of the patch twice (to find nulls, then to merge), and
// the patch here is built by comprehensions, whose fields libjsonnet computes again on
// every read: at each level of nesting the work doubled.
local mergePrune(target, patch) =
  if !std.isObject(patch) then
    prune(patch)
  else
    local t = if std.isObject(target) then target else {};
    local tFields = std.objectFields(t);
    local pFields = std.objectFields(patch);
    local merged = [
      [k, prune(t[k])]
      for k in tFields
      if !std.objectHas(patch, k)
    ] + [
      local v = patch[k];
      [k, if v == null then null else mergePrune(if std.objectHas(t, k) then t[k] else null, v)]
      for k in pFields
    ];
    { [p[0]]: p[1] for p in merged if isContent(p[1]) };

// Deterministic id of a transform built from `settings` exactly as the user wrote them.
// std.substr is built in; libjsonnet's `[:8]` is std.slice, written in Jsonnet, and took
// ~0.4 ms per id.
local makeId(type, settings) =
  std.substr(std.md5(type), 0, 8) + '-' + std.substr(std.md5(std.toString(settings)), 0, 8);

// Inside the object block the short names win over the long ones when both are given
// (the v2.8 library behaves the same way).
local objectShortNames = { src: 'source_key', trg: 'target_key', btch: 'batch_key' };

local expandObjectBlock(block) =
  { [k]: block[k] for k in std.objectFields(block) if !has(objectShortNames, k) }
  + { [objectShortNames[k]]: block[k] for k in std.objectFields(block) if has(objectShortNames, k) };

// Rewrites user settings into their long form.
//   aliases: { short: 'long' } for top-level keys; the long key wins when both are given.
//   lifted:  keys that belong in the object block but may be written at the top level.
// `obj` and `object` are both accepted; every key of the block is kept (also extra keys
// such as body_key / ttl_key).
local expand(settings, aliases={}, lifted=[]) =
  local isBlock(k) = has(settings, k) && std.isObject(settings[k]);
  local skipped = ['obj'] + std.objectFields(aliases) + lifted;
  local plain = {
    [k]: settings[k]
    for k in std.objectFields(settings)
    if !std.member(skipped, k)
  };
  local renamed = {
    [aliases[a]]: settings[a]
    for a in std.objectFields(aliases)
    if has(settings, a) && !has(settings, aliases[a])
  };
  local moved = { [k]: settings[k] for k in lifted if has(settings, k) };
  local block = moved
                + (if isBlock('obj') then settings.obj else {})
                + (if isBlock('object') then settings.object else {});
  local wantsBlock = isBlock('obj') || isBlock('object') || std.length(moved) > 0;
  plain + renamed + (if wantsBlock then { object: expandObjectBlock(block) } else {});

// Builder of a transform type: a function of the user settings.
local transform(type, defaults={}, aliases={}, lifted=[]) =
  function(settings={})
    local built = mergePrune(defaults { id: makeId(type, settings) },
                             expand(settings, aliases, lifted));
    { type: type, settings: built };

// Builder of a condition, KV store or secret type (no generated id).
local plain(type, defaults={}) =
  function(settings={})
    local built = mergePrune(defaults, expand(settings));
    { type: type, settings: built };

// Top-level short names of the send transforms.
local sendAliases = { aux_tforms: 'auxiliary_transforms' };

// ---------------------------------------------------------------------------------------
// Public surface. Defaults refer to `$.config` / `$.file_path` so that a user who extends
// the library (`sub + { config+: ... }`) changes the defaults of every builder.

{
  // ---- Conditions ----------------------------------------------------------------------
  cnd: self.condition,
  condition: {
    // Shorthands: a condition or a list of conditions combined with meta_all/any/none.
    all(i): $.condition.meta.all({ conditions: asList(i) }),
    any(i): $.condition.meta.any({ conditions: asList(i) }),
    none(i): $.condition.meta.none({ conditions: asList(i) }),

    meta: {
      all: plain('meta_all', { object: $.config.object, conditions: [] }),
      any: plain('meta_any', { object: $.config.object, conditions: [] }),
      none: plain('meta_none', { object: $.config.object, conditions: [] }),
    },

    fmt: self.format,
    format: {
      // format_json takes no settings; the argument is accepted and ignored.
      json(settings={}): { type: 'format_json' },
      mime: plain('format_mime', { object: $.config.object, type: null }),
    },

    num: self.number,
    number: {
      local valueDefaults = { object: $.config.object, value: null },
      eq: self.equal_to,
      equal_to: plain('number_equal_to', valueDefaults),
      lt: self.less_than,
      less_than: plain('number_less_than', valueDefaults),
      gt: self.greater_than,
      greater_than: plain('number_greater_than', valueDefaults),
      bitwise: {
        and: plain('number_bitwise_and', valueDefaults),
        or: plain('number_bitwise_or', valueDefaults),
        xor: plain('number_bitwise_xor', valueDefaults),
        not: plain('number_bitwise_not', { object: $.config.object }),
      },
      len: self.length,
      length: {
        local lengthDefaults = { object: $.config.object, value: null, measurement: 'byte' },
        eq: self.equal_to,
        equal_to: plain('number_length_equal_to', lengthDefaults),
        gt: self.greater_than,
        greater_than: plain('number_length_greater_than', lengthDefaults),
        lt: self.less_than,
        less_than: plain('number_length_less_than', lengthDefaults),
      },
    },

    net: self.network,
    network: {
      ip: {
        local ipDefaults = { object: $.config.object },
        global_unicast: plain('network_ip_global_unicast', ipDefaults),
        link_local_multicast: plain('network_ip_link_local_multicast', ipDefaults),
        link_local_unicast: plain('network_ip_link_local_unicast', ipDefaults),
        loopback: plain('network_ip_loopback', ipDefaults),
        multicast: plain('network_ip_multicast', ipDefaults),
        private: plain('network_ip_private', ipDefaults),
        unicast: plain('network_ip_unicast', ipDefaults),
        unspecified: plain('network_ip_unspecified', ipDefaults),
        valid: plain('network_ip_valid', ipDefaults),
      },
    },

    str: self.string,
    string: {
      local valueDefaults = { object: $.config.object, value: null },
      has: self.contains,
      contains: plain('string_contains', valueDefaults),
      eq: self.equal_to,
      equal_to: plain('string_equal_to', valueDefaults),
      gt: self.greater_than,
      greater_than: plain('string_greater_than', valueDefaults),
      lt: self.less_than,
      less_than: plain('string_less_than', valueDefaults),
      prefix: self.starts_with,
      starts_with: plain('string_starts_with', valueDefaults),
      suffix: self.ends_with,
      ends_with: plain('string_ends_with', valueDefaults),
      match: plain('string_match', { object: $.config.object, pattern: null }),
    },

    util: self.utility,
    utility: {
      // utility_random takes no settings; the argument is accepted and ignored.
      random(settings={}): { type: 'utility_random' },
    },
  },

  // ---- Transforms ----------------------------------------------------------------------
  tf: self.transform,
  transform: {
    agg: self.aggregate,
    aggregate: {
      from: {
        arr: self.array,
        array: transform('aggregate_from_array', { object: $.config.object }),
        str: self.string,
        string: transform('aggregate_from_string', { separator: null }),
      },
      to: {
        arr: self.array,
        array: transform('aggregate_to_array', { object: $.config.object, batch: $.config.batch }),
        str: self.string,
        string: transform('aggregate_to_string', {
          object: $.config.object,
          batch: $.config.batch,
          separator: null,
        }),
      },
    },

    arr: self.array,
    array: {
      join: transform('array_join', { object: $.config.object, separator: null }),
      zip: transform('array_zip', { object: $.config.object }),
    },

    enrich: {
      aws: {
        dynamodb: {
          query: transform('enrich_aws_dynamodb_query', {
            object: $.config.object,
            aws: $.config.aws,
            attributes: { partition_key: null, sort_key: null },
            limit: 1,
            scan_index_forward: false,
          }),
        },
        lambda: transform('enrich_aws_lambda', { object: $.config.object, aws: $.config.aws }),
      },
      dns: {
        local dnsDefaults = { object: $.config.object, request: $.config.request },
        domain_lookup: transform('enrich_dns_domain_lookup', dnsDefaults),
        ip_lookup: transform('enrich_dns_ip_lookup', dnsDefaults),
        // The v2.8 library emitted the unknown type enrich_dns_txt_lookup here.
        txt_lookup: self.text_lookup,
        text_lookup: transform('enrich_dns_text_lookup', dnsDefaults),
      },
      http: {
        local httpDefaults = {
          object: $.config.object,
          request: $.config.request,
          url: null,
          headers: null,
        },
        get: transform('enrich_http_get', httpDefaults),
        // body_key is read from the object block; a top-level body_key is moved there.
        post: transform('enrich_http_post',
                        httpDefaults { object+: { body_key: null } },
                        lifted=['body_key']),
      },
      kv_store: {
        local kvDefaults = {
          object: $.config.object,
          prefix: null,
          kv_store: null,
          close_kv_store: false,
        },
        local kvWriteDefaults = kvDefaults { object+: { ttl_key: null }, ttl_offset: '0s' },
        iget: self.item.get,
        iset: self.item.set,
        sadd: self.set.add,
        item: {
          // The v2.8 library emitted the deprecated enrich_kv_store_get/_set names.
          get: transform('enrich_kv_store_item_get', kvDefaults),
          set: transform('enrich_kv_store_item_set', kvWriteDefaults, lifted=['ttl_key']),
        },
        set: {
          add: transform('enrich_kv_store_set_add', kvWriteDefaults, lifted=['ttl_key']),
        },
      },
    },

    fmt: self.format,
    format: {
      from: {
        b64: self.base64,
        base64: transform('format_from_base64', { object: $.config.object }),
        gz: self.gzip,
        gzip: transform('format_from_gzip'),
        parquet: transform('format_from_parquet'),
        pretty_print: transform('format_from_pretty_print'),
        zip: transform('format_from_zip'),
      },
      to: {
        b64: self.base64,
        base64: transform('format_to_base64', { object: $.config.object }),
        gz: self.gzip,
        gzip: transform('format_to_gzip'),
      },
    },

    hash: {
      md5: transform('hash_md5', { object: $.config.object }),
      sha256: transform('hash_sha256', { object: $.config.object }),
    },

    meta: {
      err: transform('meta_err', { transforms: null, error_messages: ['.*'] }),
      for_each: transform('meta_for_each', { object: $.config.object, transforms: null }),
      kv_store: {
        lock: transform('meta_kv_store_lock', {
          object: $.config.object { ttl_key: null },
          transforms: null,
          kv_store: null,
          prefix: null,
          ttl_offset: '0s',
        }, lifted=['ttl_key']),
      },
      metric: {
        duration: transform('meta_metric_duration', { metric: $.config.metric, transforms: null }),
      },
      retry: transform('meta_retry', {
        retry: $.config.retry,
        transforms: null,
        condition: null,
        error_messages: ['.*'],
      }),
      switch: transform('meta_switch', { cases: null }),
    },

    num: self.number,
    number: {
      max: self.maximum,
      maximum: transform('number_maximum', { object: $.config.object, value: null }),
      min: self.minimum,
      minimum: transform('number_minimum', { object: $.config.object, value: null }),
      math: {
        local mathDefaults = { object: $.config.object },
        add: self.addition,
        addition: transform('number_math_addition', mathDefaults),
        sub: self.subtraction,
        subtraction: transform('number_math_subtraction', mathDefaults),
        mul: self.multiplication,
        multiplication: transform('number_math_multiplication', mathDefaults),
        div: self.division,
        division: transform('number_math_division', mathDefaults),
      },
    },

    net: self.network,
    network: {
      domain: {
        local domainDefaults = { object: $.config.object },
        registered_domain: transform('network_domain_registered_domain', domainDefaults),
        subdomain: transform('network_domain_subdomain', domainDefaults),
        tld: self.top_level_domain,
        top_level_domain: transform('network_domain_top_level_domain', domainDefaults),
      },
    },

    obj: self.object,
    object: {
      local objectDefaults = { object: $.config.object },
      cp: self.copy,
      copy: transform('object_copy', objectDefaults),
      del: self.delete,
      delete: transform('object_delete', objectDefaults),
      insert: transform('object_insert', objectDefaults),
      jq: transform('object_jq', { filter: null }),
      to: {
        bool: self.boolean,
        boolean: transform('object_to_boolean', objectDefaults),
        float: transform('object_to_float', objectDefaults),
        int: self.integer,
        integer: transform('object_to_integer', objectDefaults),
        str: self.string,
        string: transform('object_to_string', objectDefaults),
        uint: self.unsigned_integer,
        unsigned_integer: transform('object_to_unsigned_integer', objectDefaults),
      },
    },

    send: {
      local sendDefaults = { batch: $.config.batch, auxiliary_transforms: null },
      aws: {
        local awsDefaults = sendDefaults { aws: $.config.aws },
        dynamodb: {
          put: transform('send_aws_dynamodb_put', awsDefaults, sendAliases),
        },
        firehose: self.data_firehose,
        data_firehose: transform('send_aws_data_firehose', awsDefaults, sendAliases),
        eventbridge: transform('send_aws_eventbridge',
                               awsDefaults { description: null },
                               sendAliases),
        kinesis_data_stream: transform('send_aws_kinesis_data_stream', awsDefaults {
          use_batch_key_as_partition_key: false,
          enable_record_aggregation: false,
        }, sendAliases),
        // The v2.8 library neither pruned these settings nor accepted aux_tforms here.
        lambda: transform('send_aws_lambda', awsDefaults, sendAliases),
        s3: transform('send_aws_s3', awsDefaults {
          file_path: $.file_path,
          storage_class: 'STANDARD',
        }, sendAliases),
        sns: transform('send_aws_sns', awsDefaults, sendAliases),
        sqs: transform('send_aws_sqs', awsDefaults, sendAliases),
      },
      gcp: {
        storage: transform('send_gcp_storage', sendDefaults {
          gcp: $.config.gcp,
          file_path: $.file_path,
        }, sendAliases),
      },
      file: transform('send_file', sendDefaults { file_path: $.file_path }, sendAliases),
      http: {
        post: transform('send_http_post',
                        sendDefaults { url: null, headers: null },
                        sendAliases { hdr: 'headers' }),
      },
      stdout: transform('send_stdout', sendDefaults, sendAliases),
    },

    str: self.string,
    string: {
      append: transform('string_append', { object: $.config.object, suffix: null }),
      capture: transform('string_capture', { object: $.config.object, pattern: null, count: 0 }),
      repl: self.replace,
      replace: transform('string_replace', {
        object: $.config.object,
        pattern: null,
        replacement: null,
      }, { repl: 'replacement' }),
      split: transform('string_split',
                       { object: $.config.object, separator: null },
                       { sep: 'separator' }),
      to: {
        local caseDefaults = { object: $.config.object },
        lower: transform('string_to_lower', caseDefaults),
        upper: transform('string_to_upper', caseDefaults),
        snake: transform('string_to_snake', caseDefaults),
      },
      uuid: transform('string_uuid', { object: $.config.object }),
    },

    test: {
      message: transform('test_message', { value: null }),
    },

    time: {
      local timeDefaults = { object: $.config.object },
      local layoutDefaults = { object: $.config.object, format: null, location: 'UTC' },
      from: {
        str: self.string,
        string: transform('time_from_string', layoutDefaults),
        unix: transform('time_from_unix', timeDefaults),
        unix_milli: transform('time_from_unix_milli', timeDefaults),
      },
      now: transform('time_now', timeDefaults),
      to: {
        str: self.string,
        string: transform('time_to_string', layoutDefaults),
        // Also reachable as time.unix / time.unix_milli (the v2.8 spelling).
        unix: transform('time_to_unix', timeDefaults),
        unix_milli: transform('time_to_unix_milli', timeDefaults),
      },
      unix: self.to.unix,
      unix_milli: self.to.unix_milli,
    },

    util: self.utility,
    utility: {
      control: transform('utility_control', { batch: $.config.batch }),
      delay: transform('utility_delay', { duration: null }),
      drop: transform('utility_drop'),
      err: transform('utility_err', { message: null }),
      metric: {
        bytes: transform('utility_metric_bytes', { metric: $.config.metric }),
        count: transform('utility_metric_count', { metric: $.config.metric }),
        freshness: transform('utility_metric_freshness', {
          threshold: null,
          metric: $.config.metric,
          object: $.config.object,
        }),
      },
      secret: transform('utility_secret', { secret: null }),
    },
  },

  // ---- KV stores (used by enrich.kv_store.* and meta.kv_store.lock) ------------------------
  kv_store: {
    aws: {
      dynamodb: plain('aws_dynamodb', {
        aws: $.config.aws,
        attributes: { partition_key: null, sort_key: null, value: null, ttl: null },
        consistent_read: false,
      }),
    },
    csv_file: plain('csv_file', { file: null, column: null, delimiter: ',', header: null }),
    json_file: plain('json_file', { file: null, is_lines: false }),
    memory: plain('memory', { capacity: 1024 }),
    mmdb: plain('mmdb', { file: null }),
    text_file: plain('text_file', { file: null }),
  },

  // ---- Secrets (used by utility.secret) ----------------------------------------------------
  secrets: {
    aws: {
      secrets_manager: plain('aws_secrets_manager', {
        aws: $.config.aws,
        id: null,
        ttl_offset: null,
      }),
    },
    environment_variable: plain('environment_variable', { id: null, name: null, ttl_offset: null }),
  },

  // ---- Shared setting blocks -------------------------------------------------------------
  config: {
    aws: { arn: null, assume_role_arn: null },
    gcp: { resource: null },
    batch: { count: 1000, size: 1000 * 1000, duration: '1m' },
    metric: { name: null, attributes: null, destination: null },
    object: { source_key: null, target_key: null, batch_key: null },
    request: { timeout: '1s' },
    retry: { count: 3, delay: '1s' },
  },

  // File naming of send_aws_s3 / send_file / send_gcp_storage.
  file_path: { prefix: null, time_format: '2006/01/02', uuid: true, suffix: null },
}
