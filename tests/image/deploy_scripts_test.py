#!/usr/bin/env python3
"""Steps 2 and 3 of docs/deploy-aws.md: scripts/aws/build-configs and appconfig-upload.

  deploy_scripts_test.py --substation <substation binary> --repo <source dir>

- build-configs on a throwaway pipeline (relative imports, pipeline.json imported by a
  config, a broken config, a missing config), and on examples/aws when its configs exist.
- appconfig-upload against moto on loopback (started and stopped here), reached through
  AWS_ENDPOINT_URL: profiles created once then reused, hosted versions holding the file's
  bytes, and the clear error naming each call moto does not implement (ListApplications,
  ListEnvironments, StartDeployment).
- appconfig-upload's look-ups by name, profile creation with the validator, StartDeployment
  and GetDeployment polling, against botocore's Stubber: the calls and their parameters
  are checked against the real AppConfig service model, with no endpoint at all. moto
  cannot run these calls, and no real AWS account is reachable here.

Exit 77 (skipped) when moto_server or boto3 is missing; under CI=true that is a failure.
"""
import argparse
import importlib.machinery
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_support import find_tool, free_port, skip, stop, wait_for_port  # noqa: E402

ARGS = None


def write_throwaway_pipeline(root):
    """A two-function pipeline shaped like examples/aws: configs import a shared library
    and pipeline.json by relative path."""
    root = Path(root)
    (root / "config/alpha").mkdir(parents=True)
    (root / "config/beta").mkdir(parents=True)
    (root / "lib").mkdir()
    pipeline = {
        "name": "t",
        "region": "us-east-1",
        "appconfig": {"application": "substation", "environment": "prod", "deployment_strategy": "Instant"},
        "functions": {
            "alpha": {"name": "t_alpha", "handler": "AWS_LAMBDA", "config": "config/alpha/config.jsonnet"},
            "beta": {"name": "t_beta", "handler": "AWS_SQS", "config": "config/beta/config.jsonnet"},
        },
    }
    (root / "pipeline.json").write_text(json.dumps(pipeline, indent=2))
    (root / "lib/shared.libsonnet").write_text(textwrap.dedent("""\
        local sub = import 'substation.libsonnet';
        { tag(v): sub.tf.obj.insert({ obj: { target_key: 'tag' }, value: v }) }
        """))
    (root / "config/alpha/config.jsonnet").write_text(textwrap.dedent("""\
        local sub = import 'substation.libsonnet';
        local shared = import '../../lib/shared.libsonnet';
        local pipeline = import '../../pipeline.json';
        { transforms: [shared.tag(pipeline.functions.alpha.name), sub.tf.send.stdout()] }
        """))
    (root / "config/beta/config.jsonnet").write_text(textwrap.dedent("""\
        local sub = import 'substation.libsonnet';
        { transforms: [sub.tf.obj.cp({ obj: { source_key: 'a', target_key: 'b' } })] }
        """))
    return root / "pipeline.json"


def tree_listing(root):
    return sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*"))


class BuildConfigsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="build-configs-test-"))
        self.addCleanup(shutil.rmtree, self.tmp)
        self.script = Path(ARGS.repo) / "scripts/aws/build-configs"

    def build(self, pipeline, out):
        return subprocess.run([str(self.script), "-p", str(pipeline), "-o", str(out), "-s", ARGS.substation],
                              capture_output=True, text=True, timeout=300)

    def test_one_json_per_function_named_by_key(self):
        pipeline = write_throwaway_pipeline(self.tmp / "ex")
        before = tree_listing(self.tmp / "ex")
        result = self.build(pipeline, self.tmp / "out")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sorted(os.listdir(self.tmp / "out")), ["alpha.json", "beta.json"])
        alpha = json.loads((self.tmp / "out/alpha.json").read_text())
        self.assertEqual([t["type"] for t in alpha["transforms"]], ["object_insert", "send_stdout"])
        self.assertEqual(alpha["transforms"][0]["settings"]["value"], "t_alpha")  # read from pipeline.json
        self.assertEqual(alpha["transforms"][0]["settings"]["object"], {"target_key": "tag"})
        beta = json.loads((self.tmp / "out/beta.json").read_text())
        self.assertEqual(beta["transforms"][0]["type"], "object_copy")
        self.assertEqual(beta["transforms"][0]["settings"]["object"], {"source_key": "a", "target_key": "b"})
        self.assertEqual(tree_listing(self.tmp / "ex"), before, "the source tree was written to")
        self.assertIn("built 2 configs", result.stdout)

    def test_a_broken_config_fails_naming_its_function(self):
        pipeline = write_throwaway_pipeline(self.tmp / "ex")
        (self.tmp / "ex/config/beta/config.jsonnet").write_text("{ transforms: [ no_such_variable ] }\n")
        result = self.build(pipeline, self.tmp / "out")
        self.assertEqual(result.returncode, 1)
        self.assertIn("beta: substation build config/beta/config.jsonnet failed", result.stderr)
        self.assertIn("no_such_variable", result.stderr)

    def test_a_missing_config_fails_naming_its_function(self):
        pipeline = write_throwaway_pipeline(self.tmp / "ex")
        (self.tmp / "ex/config/alpha/config.jsonnet").unlink()
        result = self.build(pipeline, self.tmp / "out")
        self.assertEqual(result.returncode, 1)
        self.assertIn("alpha: no config at", result.stderr)

    def test_the_example_pipeline(self):
        pipeline = Path(ARGS.repo) / "examples/aws/pipeline.json"
        if not (Path(ARGS.repo) / "examples/aws/config").is_dir():
            if os.environ.get("CI") == "true":
                self.fail("examples/aws/config is missing (CI=true)")
            self.skipTest("examples/aws/config is not written yet")
        functions = sorted(json.loads(pipeline.read_text())["functions"])
        result = self.build(pipeline, self.tmp / "out")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sorted(os.listdir(self.tmp / "out")), [f"{f}.json" for f in functions])
        for f in functions:
            doc = json.loads((self.tmp / "out" / f"{f}.json").read_text())
            self.assertTrue(doc["transforms"], f"{f}: no transforms")


def load_upload_module():
    path = Path(ARGS.repo) / "scripts/aws/appconfig-upload"
    loader = importlib.machinery.SourceFileLoader("appconfig_upload", str(path))
    spec = importlib.util.spec_from_loader("appconfig_upload", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def write_configs(root, contents):
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for key, doc in contents.items():
        (root / f"{key}.json").write_text(json.dumps(doc))
    return root


class AppConfigMotoTest(unittest.TestCase):
    """appconfig-upload as a user runs it, against moto through AWS_ENDPOINT_URL."""

    @classmethod
    def setUpClass(cls):
        moto = find_tool("moto_server", "SUBSTATION_MOTO_SERVER")
        port = free_port()
        cls.log = tempfile.TemporaryFile()
        cls.moto = subprocess.Popen([moto, "-H", "127.0.0.1", "-p", str(port)], stdout=cls.log,
                                    stderr=subprocess.STDOUT)
        wait_for_port(port, cls.moto)
        cls.env = {**os.environ, "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": "testing",
                   "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}
        cls.env.pop("AWS_PROFILE", None)
        import boto3

        cls.client = boto3.client("appconfig", region_name="us-east-1", endpoint_url=cls.env["AWS_ENDPOINT_URL"],
                                  aws_access_key_id="testing", aws_secret_access_key="testing")

    @classmethod
    def tearDownClass(cls):
        stop(cls.moto)
        cls.log.close()

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="appconfig-test-"))
        self.addCleanup(shutil.rmtree, self.tmp)
        self.pipeline = write_throwaway_pipeline(self.tmp / "ex")
        # What Terraform's appconfig module creates: the application.
        self.app_id = self.client.create_application(Name=f"substation-{self._testMethodName}")["Id"]

    def upload(self, config_dir, *flags):
        cmd = [sys.executable, str(Path(ARGS.repo) / "scripts/aws/appconfig-upload"), "--pipeline",
               str(self.pipeline), "--config-dir", str(config_dir), *flags]
        return subprocess.run(cmd, capture_output=True, text=True, env=self.env, timeout=120)

    def profiles(self):
        items = self.client.list_configuration_profiles(ApplicationId=self.app_id)["Items"]
        return {i["Name"]: i["Id"] for i in items}

    def version(self, profile_id, number):
        got = self.client.get_hosted_configuration_version(ApplicationId=self.app_id,
                                                            ConfigurationProfileId=profile_id, VersionNumber=number)
        return got["ContentType"], got["Content"].read()

    def test_profiles_created_once_and_versions_hold_the_files(self):
        configs = write_configs(self.tmp / "v1", {"alpha": {"transforms": [{"type": "send_stdout"}]},
                                                  "beta": {"transforms": []}})
        first = self.upload(configs, "--application-id", self.app_id, "--no-deploy")
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertIn(self.env["AWS_ENDPOINT_URL"], first.stdout)  # AWS_ENDPOINT_URL was honoured
        profiles = self.profiles()
        # Profiles are named after the functions' names, as terraform/aws/appconfig names them.
        self.assertEqual(sorted(profiles), ["t_alpha", "t_beta"])
        self.assertIn(f"alpha: profile t_alpha ({profiles['t_alpha']}, created), version 1", first.stdout)
        for key in ("alpha", "beta"):
            self.assertEqual(self.version(profiles[f"t_{key}"], 1),
                             ("application/json", (configs / f"{key}.json").read_bytes()))

        (configs / "alpha.json").write_text('{"transforms":[{"type":"utility_drop"}]}')
        second = self.upload(configs, "--application-id", self.app_id, "--no-deploy")
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertEqual(self.profiles(), profiles, "a profile was created twice")
        self.assertIn(f"alpha: profile t_alpha ({profiles['t_alpha']}), version 2", second.stdout)
        self.assertEqual(self.version(profiles["t_alpha"], 2)[1], b'{"transforms":[{"type":"utility_drop"}]}')
        self.assertEqual(self.version(profiles["t_alpha"], 1)[1],
                         json.dumps({"transforms": [{"type": "send_stdout"}]}).encode(), "version 1 changed")

    def test_the_example_pipeline_built_then_uploaded(self):
        """Steps 2 and 3 chained on examples/aws: one version per function, in the profile
        its Lambda reads (configurations/<function name>)."""
        example = Path(ARGS.repo) / "examples/aws"
        if not (example / "config").is_dir():
            if os.environ.get("CI") == "true":
                self.fail("examples/aws/config is missing (CI=true)")
            self.skipTest("examples/aws/config is not written yet")
        built = subprocess.run([str(Path(ARGS.repo) / "scripts/aws/build-configs"), "-o", str(self.tmp / "built"),
                                "-s", ARGS.substation], capture_output=True, text=True, timeout=300)
        self.assertEqual(built.returncode, 0, built.stderr)
        self.pipeline = example / "pipeline.json"
        result = self.upload(self.tmp / "built", "--application-id", self.app_id, "--no-deploy")
        self.assertEqual(result.returncode, 0, result.stderr)
        functions = json.loads(self.pipeline.read_text())["functions"]
        profiles = self.profiles()
        self.assertEqual(sorted(profiles), sorted(f["name"] for f in functions.values()))
        for key, f in functions.items():
            self.assertEqual(self.version(profiles[f["name"]], 1),
                             ("application/json", (self.tmp / "built" / f"{key}.json").read_bytes()))

    def test_one_function_only(self):
        configs = write_configs(self.tmp / "c", {"alpha": {"transforms": []}, "beta": {"transforms": []}})
        result = self.upload(configs, "--application-id", self.app_id, "--no-deploy", "--function", "beta")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sorted(self.profiles()), ["t_beta"])

    def test_lookup_by_name_names_list_applications(self):
        configs = write_configs(self.tmp / "c", {"alpha": {"transforms": []}, "beta": {"transforms": []}})
        result = self.upload(configs, "--no-deploy", "--max-attempts", "1")
        self.assertEqual(result.returncode, 1)
        self.assertIn("AppConfig ListApplications is not supported by the endpoint", result.stderr)
        self.assertIn("--application-id", result.stderr)
        self.assertEqual(self.profiles(), {}, "something was written before the look-ups finished")

    def test_deploy_names_the_first_unsupported_call(self):
        configs = write_configs(self.tmp / "c", {"alpha": {"transforms": []}, "beta": {"transforms": []}})
        result = self.upload(configs, "--application-id", self.app_id)
        self.assertEqual(result.returncode, 1)
        self.assertIn("AppConfig ListEnvironments is not supported by the endpoint", result.stderr)
        self.assertEqual(self.profiles(), {})
        result = self.upload(configs, "--application-id", self.app_id, "--environment-id", "env1",
                             "--deployment-strategy-id", "strat1")
        self.assertEqual(result.returncode, 1)
        self.assertIn("AppConfig StartDeployment is not supported by the endpoint", result.stderr)
        self.assertIn("--no-deploy", result.stderr)

    def test_missing_or_invalid_config_fails_before_any_call(self):
        configs = write_configs(self.tmp / "c", {"alpha": {"transforms": []}})
        result = self.upload(configs, "--application-id", self.app_id, "--no-deploy")
        self.assertEqual(result.returncode, 1)
        self.assertIn("beta.json: missing (run scripts/aws/build-configs first)", result.stderr)
        (configs / "beta.json").write_text("{not json")
        result = self.upload(configs, "--application-id", self.app_id, "--no-deploy")
        self.assertEqual(result.returncode, 1)
        self.assertIn("beta.json: not JSON", result.stderr)
        self.assertEqual(self.profiles(), {})


class AppConfigStubbedTest(unittest.TestCase):
    """The calls moto lacks, checked against botocore's AppConfig model with its Stubber."""

    def setUp(self):
        import boto3
        from botocore.stub import Stubber

        self.module = load_upload_module()
        self.tmp = Path(tempfile.mkdtemp(prefix="appconfig-stub-"))
        self.addCleanup(shutil.rmtree, self.tmp)
        self.pipeline = write_throwaway_pipeline(self.tmp / "ex")
        self.configs = write_configs(self.tmp / "c", {"alpha": {"transforms": [{"type": "send_stdout"}]},
                                                      "beta": {"transforms": []}})
        # The endpoint is never contacted: the Stubber answers every call.
        client = boto3.client("appconfig", region_name="us-east-1", endpoint_url="http://127.0.0.1:9",
                              aws_access_key_id="testing", aws_secret_access_key="testing")
        self.stub = Stubber(client)
        self.sleeps = []
        self.now = [0.0]

        def sleep(seconds):
            self.sleeps.append(seconds)
            self.now[0] += seconds

        self.appconfig = self.module.AppConfig(client, sleep=sleep, clock=lambda: self.now[0])

    def run_upload(self, *flags):
        argv = ["--pipeline", str(self.pipeline), "--config-dir", str(self.configs), "--poll-interval", "2", *flags]
        with self.stub:
            return self.module.main(argv, appconfig=self.appconfig)

    def expect_lookups(self):
        self.stub.add_response("list_applications", {"Items": [{"Id": "other1", "Name": "other"}], "NextToken": "p2"}, {})
        self.stub.add_response("list_applications", {"Items": [{"Id": "app1", "Name": "substation"}]},
                               {"NextToken": "p2"})
        self.stub.add_response("list_environments", {"Items": [{"Id": "envdev", "Name": "dev"},
                                                               {"Id": "envprod", "Name": "prod"}]},
                               {"ApplicationId": "app1"})
        self.stub.add_response("list_deployment_strategies",
                               {"Items": [{"Id": "AppConfig.AllAtOnce", "Name": "AppConfig.AllAtOnce"},
                                          {"Id": "strat1", "Name": "Instant"}]}, {})

    def expect_version(self, profile_id, key, number):
        self.stub.add_response("create_hosted_configuration_version",
                               {"ApplicationId": "app1", "ConfigurationProfileId": profile_id,
                                "VersionNumber": number, "ContentType": "application/json"},
                               {"ApplicationId": "app1", "ConfigurationProfileId": profile_id,
                                "Content": (self.configs / f"{key}.json").read_bytes(),
                                "ContentType": "application/json",
                                "Description": "uploaded by scripts/aws/appconfig-upload"})

    def expect_deployment(self, profile_id, version, number, states):
        self.stub.add_response("start_deployment",
                               {"ApplicationId": "app1", "EnvironmentId": "envprod", "DeploymentNumber": number,
                                "State": states[0]},
                               {"ApplicationId": "app1", "EnvironmentId": "envprod",
                                "DeploymentStrategyId": "strat1", "ConfigurationProfileId": profile_id,
                                "ConfigurationVersion": str(version),
                                "Description": "uploaded by scripts/aws/appconfig-upload"})
        for state in states[1:]:
            self.stub.add_response("get_deployment", {"DeploymentNumber": number, "State": state},
                                   {"ApplicationId": "app1", "EnvironmentId": "envprod", "DeploymentNumber": number})

    def test_names_resolved_profile_created_deployments_awaited(self):
        self.expect_lookups()
        # alpha's profile exists (second page); beta's is created with the validator.
        self.stub.add_response("list_configuration_profiles", {"Items": [], "NextToken": "q2"},
                               {"ApplicationId": "app1"})
        self.stub.add_response("list_configuration_profiles", {"Items": [{"Id": "pa", "Name": "t_alpha"}]},
                               {"ApplicationId": "app1", "NextToken": "q2"})
        self.expect_version("pa", "alpha", 7)
        self.expect_deployment("pa", 7, 11, ["DEPLOYING", "BAKING", "COMPLETE"])
        self.stub.add_response("list_configuration_profiles", {"Items": [{"Id": "pa", "Name": "t_alpha"}]},
                               {"ApplicationId": "app1"})
        self.stub.add_response("create_configuration_profile", {"ApplicationId": "app1", "Id": "pb", "Name": "t_beta"},
                               {"ApplicationId": "app1", "Name": "t_beta", "LocationUri": "hosted",
                                "Type": "AWS.Freeform",
                                "Validators": [{"Type": "LAMBDA", "Content": "arn:aws:lambda:us-east-1:123456789012:"
                                                                            "function:substation_validate"}]})
        self.expect_version("pb", "beta", 1)
        self.expect_deployment("pb", 1, 12, ["COMPLETE"])
        rc = self.run_upload("--validator-arn", "arn:aws:lambda:us-east-1:123456789012:function:substation_validate")
        self.assertEqual(rc, 0)
        self.stub.assert_no_pending_responses()
        self.assertEqual(self.sleeps, [2, 2])

    def test_a_rolled_back_deployment_fails(self):
        self.expect_lookups()
        self.stub.add_response("list_configuration_profiles", {"Items": [{"Id": "pa", "Name": "t_alpha"}]},
                               {"ApplicationId": "app1"})
        self.expect_version("pa", "alpha", 3)
        self.expect_deployment("pa", 3, 4, ["DEPLOYING", "ROLLED_BACK"])
        self.assertEqual(self.run_upload("--function", "alpha"), 1)
        self.stub.assert_no_pending_responses()

    def test_a_deployment_that_never_ends_times_out(self):
        self.expect_lookups()
        self.stub.add_response("list_configuration_profiles", {"Items": [{"Id": "pa", "Name": "t_alpha"}]},
                               {"ApplicationId": "app1"})
        self.expect_version("pa", "alpha", 3)
        self.expect_deployment("pa", 3, 4, ["DEPLOYING"] * 4)
        self.assertEqual(self.run_upload("--function", "alpha", "--deploy-timeout", "6"), 1)
        self.stub.assert_no_pending_responses()
        self.assertEqual(self.sleeps, [2, 2, 2])

    def test_an_unknown_environment_is_named(self):
        self.stub.add_response("list_applications", {"Items": [{"Id": "app1", "Name": "substation"}]}, {})
        self.stub.add_response("list_environments", {"Items": [{"Id": "envdev", "Name": "dev"}]},
                               {"ApplicationId": "app1"})
        self.assertEqual(self.run_upload(), 1)
        self.stub.assert_no_pending_responses()

    def test_an_aws_error_keeps_its_code(self):
        self.stub.add_client_error("list_applications", service_error_code="AccessDeniedException",
                                   service_message="not allowed", http_status_code=403)
        with self.assertRaises(self.module.UploadError) as caught:
            with self.stub:
                self.appconfig.application_id("substation")
        self.assertEqual(str(caught.exception), "AppConfig ListApplications failed: AccessDeniedException: not allowed")


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--substation", required=True)
    parser.add_argument("--repo", required=True)
    ARGS, rest = parser.parse_known_args()
    try:
        import boto3  # noqa: F401
    except ImportError:
        skip("boto3 not installed (scripts/aws/install-tools)")
    if not find_tool("moto_server", "SUBSTATION_MOTO_SERVER"):
        skip("moto_server not installed (scripts/install-test-tools)")
    if not os.access(ARGS.substation, os.X_OK):
        skip(f"no substation binary at {ARGS.substation}")
    program = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=2)
    result = program.result
    print(f"{result.testsRun - len(result.failures) - len(result.errors) - len(result.skipped)} passed, "
          f"{len(result.failures) + len(result.errors)} failed, {len(result.skipped)} skipped")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
