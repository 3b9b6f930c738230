"""The per-document map on a Dask cluster (duizhao.cluster): real `mkdocs build`s on a LocalCluster
of 2 worker processes give the local build's site byte for byte, on the seeds and on synthetic
documents; the workers write the cache entries a later build reads; a worker running other code is
refused; without the `dask` extra, asking for Dask is an error naming the setting.

The 1,000-document comparison (and its timing) is `make bench`'s (bench/cluster.py): two cold
builds of 1,000 documents cost about 10 minutes on the 2-core machine, past this suite's budget, so
the suite compares SYNTHETIC documents (two cold builds of them take about a minute here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import bench.cluster as bench
import pytest
from bench.cluster import CLUSTER, POOL, differences, project

from duizhao import cache, cluster, pipeline, workers
from duizhao.settings import SettingsError, options

from .conftest import build, build_args, env, make_project

pytestmark = pytest.mark.slow

# More than the pool's threshold, so the local build really uses the process pool.
SYNTHETIC = 100
assert SYNTHETIC >= workers.PARALLEL_MIN_DOCUMENTS


def test_seed_site_on_a_local_cluster_is_the_local_build_byte_for_byte(seed_site, tmp_path: Path) -> None:
    result = build(project(tmp_path / "cluster", Path(seed_site.root / "sources"), CLUSTER))
    assert result.returncode == 0, result.log
    assert "processed on the Dask cluster at local" in result.log
    same, diff = differences(seed_site.site, result.site)
    assert diff == []
    assert same > 100  # (every page, download and asset, not an empty folder)


def test_synthetic_corpus_on_a_local_cluster_is_the_pool_build_byte_for_byte(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    bench.synth.generate(sources, SYNTHETIC, seed=5)
    pool = build(project(tmp_path / "pool", sources, POOL), strict=False)
    on_dask = build(project(tmp_path / "cluster", sources, CLUSTER), strict=False)
    assert pool.returncode == 0 and on_dask.returncode == 0, pool.log + on_dask.log
    assert f"{SYNTHETIC} processed, 0 from cache" in pool.log
    assert f"{SYNTHETIC} processed, 0 from cache (processed on the Dask cluster at local)" in on_dask.log
    same, diff = differences(pool.site, on_dask.site)
    assert diff == []
    assert same > 2 * SYNTHETIC


def test_the_workers_write_the_cache_a_later_build_reads(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    bench.synth.generate(sources, 12, seed=11)
    folder = tmp_path / "cache" / "documents"
    on_dask = pipeline.build_corpus(sources, cache.DocumentCache(folder, memory=False), 2, dask="local")
    assert on_dask.stats.built == 12
    # The build itself only recorded them (DocumentCache.record): the 12 files are the workers'.
    assert len(cache.entries(folder)) == 12
    again = pipeline.build_corpus(sources, cache.DocumentCache(folder, memory=False), workers=1)
    assert (again.stats.built, again.stats.disk) == (0, 12)
    assert again.documents == on_dask.documents


def test_a_worker_running_other_code_is_refused(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    bench.synth.generate(sources, 1, seed=2)
    found = pipeline.survey(sources)
    raw = found.raws[0]
    job = workers.Job(raw, found.slugs[raw.name], found.cars[raw.name])
    spec = cluster._Spec(pipeline.build_document, found.rules, found.lexicon, None, "another build's code")
    with pytest.raises(cluster.ClusterError, match="other code"):
        cluster._run(spec, [job])
    good = cluster._Spec(pipeline.build_document, found.rules, found.lexicon, None, cluster._code())
    assert cluster._run(good, [job])[0].slug == found.slugs[raw.name]


def test_an_unreachable_scheduler_fails_the_build_naming_the_setting(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    bench.synth.generate(sources, 2, seed=3)
    # (A port nothing listens on; Dask's own setting shortens its wait for the scheduler.)
    timeout = {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    result = build(project(tmp_path / "p", sources, {"dask": "tcp://127.0.0.1:9"}), env_overrides=timeout)
    assert result.returncode != 0
    assert "extra.duizhao.dask: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.log
    assert "Traceback" not in result.log


# Run with dask and distributed hidden (a None in sys.modules makes an import fail and find_spec
# find nothing), as where the extra is not installed.
WITHOUT_DASK = "import sys; sys.modules['dask'] = sys.modules['distributed'] = None; "


def test_without_the_extra_the_hook_names_the_setting(tmp_path: Path) -> None:
    proj = project(tmp_path / "p", make_project(tmp_path / "seeds") / "sources", {"dask": "local"})
    code = WITHOUT_DASK + "from mkdocs.__main__ import cli; sys.argv = ['mkdocs', *sys.argv[1:]]; cli()"
    proc = subprocess.run(
        [sys.executable, "-c", code, *build_args(proj)], capture_output=True, text=True, env=env(), cwd=proj
    )
    assert proc.returncode != 0
    assert "extra.duizhao.dask asks for a Dask cluster, but dask is not installed" in proc.stderr
    assert "pip install 'duizhao[dask]'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (proj / "site" / "index.html").exists()


def test_without_the_extra_the_command_line_names_its_option(tmp_path: Path) -> None:
    code = WITHOUT_DASK + "from duizhao.cli import main; sys.exit(main(sys.argv[1:]))"
    for command in ("export", "export-corpus"):
        proc = subprocess.run(
            [sys.executable, "-c", code, command, str(tmp_path / command), "--dask", "local"],
            capture_output=True,
            text=True,
            env=env(),
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert proc.returncode == 2, proc.stderr
        assert "--dask asks for a Dask cluster, but dask is not installed" in proc.stderr
        assert not (tmp_path / command).exists()


def test_the_setting_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert options({"extra": {"duizhao": {"dask": "local"}}})["dask"] == "local"
    assert options({"extra": {"duizhao": {"dask": "  "}}})["dask"] is None  # (blank: unset)
    assert options({})["dask"] is None
    with pytest.raises(SettingsError, match=r"extra\.duizhao\.dask must be a str"):
        options({"extra": {"duizhao": {"dask": 8786}}})
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(SettingsError, match=r"extra\.duizhao\.dask asks for a Dask cluster"):
        options({"extra": {"duizhao": {"dask": "tcp://scheduler:8786"}}})
    assert options({"extra": {"duizhao": {"workers": 2}}})["dask"] is None  # (unset: no Dask needed)
