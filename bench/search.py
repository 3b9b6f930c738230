"""Search payload benchmark: `python bench/search.py [--sizes 100,1000,10000] [--material]`.

For each synthetic corpus size (bench/corpus.py) it prints what a reader downloads:
- first load: what every page loads before anyone searches (the search button's script and the
  stylesheet); then what opening the search box loads (the engine script and the manifest);
- per query: the chunks a query needs and the document files of the first 10 results, for a
  few typical zh and en queries (the browser's lookup, replayed in Python on the built files); a
  query that is a form of the project's glossary also reads the glossary's equivalences and its
  entry's file of documents (search/g/), shown beside what reading its renderings' word chunks
  instead (the engine before the entry files) would download;
- the whole index (bytes and files, which the offline bundle carries) and its build time
  (CPU seconds, median of --repeat runs), with documents processed by the real pipeline.
--material also builds the same pages with Material's own search plugin (jieba) and reports its
search_index.json, the size a reader downloads before the first result.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate  # noqa: E402

from duizhao import pipeline  # noqa: E402
from duizhao.link import glossary  # noqa: E402
from duizhao.publish import layout, search, search_glossary, search_terms  # noqa: E402

QUERIES = ["世界互联网大会", "网络空间", "合作", "World Internet Conference", "cyberspace", "governance"]
CACHE = Path(tempfile.gettempdir()) / "duizhao-bench"


def entries_for(size: int, fresh: bool) -> tuple[list[search.Entry], float]:
    """Entries of a synthetic corpus; the pipeline's output is cached between runs (in the
    temporary directory) unless `fresh`."""
    cache = CACHE / f"entries-{size}.pickle"
    corpus_dir = generate(size, CACHE / f"corpus-{size}")
    if cache.exists() and not fresh:
        entries, seconds = pickle.loads(cache.read_bytes())
        return entries, seconds
    t = time.perf_counter()
    docs = pipeline.published(pipeline.build_corpus(corpus_dir))
    entries = [search.document_entry(d, "texts", True) for d in docs]
    seconds = time.perf_counter() - t
    cache.write_bytes(pickle.dumps((entries, seconds)))
    return entries, seconds


def replicated(size: int, base: int, fresh: bool) -> list[search.Entry]:
    """`size` entries made by repeating the `base`-document corpus's (each copy under its own key
    and address): for a size whose pipeline run takes too long on a shared machine (10,000
    documents: about 40 minutes on two free cores). The copies repeat the base's vocabulary, so
    rare terms (per-document names) are fewer and each is in more documents than in a corpus
    generated whole; the common terms, whose postings fill a query's chunks, are as long."""
    entries, _ = entries_for(base, fresh)
    out = []
    for k in range(size // len(entries) + 1):
        for e in entries:
            if len(out) == size:
                return out
            key = e.key if k == 0 else e.key.removesuffix(".md") + f"-copy{k}.md"
            url = e.url if k == 0 else e.url.rstrip("/") + f"-copy{k}/"
            out.append(dataclasses.replace(e, key=key, url=url))
    return out


def project_glossary() -> list:
    return list(glossary.load(ROOT / "sources")[0].entries)


def renderings(query: str) -> tuple[list[str], str]:
    """The other forms the browser searches with a query that is a form of the project glossary
    (cross-language search), and the key of the entry file listing their documents ("" if none)."""
    tok = search_terms.tokenizer()
    for n, (zh, en) in enumerate(search_glossary.equivalences(project_glossary())):
        if query in zh:
            return list(en[: tok.renderings]), f"{n}-en"
        if query in en:
            return list(zh[: tok.renderings]), f"{n}-zh"
    return [], ""


def query_bytes(index: search.Index, query: str, also: str = "entry") -> tuple[int, int, int, int]:
    """(bytes downloaded, chunks, result count, bytes of the chunks alone) for one query, as the
    browser fetches them. `also`: how its glossary renderings are searched: "entry" (the entry's
    file, as the browser does), "chunks" (their words' chunks, as it did before) or "" (not)."""
    manifest = search._payload(index.file("search/manifest.js"))[0]
    firsts = manifest["chunks"]
    chunks: set[int] = set()
    docs: set[int] | None = None
    score: dict[int, float] = {}
    for term in dict.fromkeys(search_terms.terms(query)):
        chunks.add(search.chunk_of(firsts, term))
        weights = search.weights(index, term)
        docs = set(weights) if docs is None else docs & set(weights)
        for d, w in weights.items():
            score[d] = score.get(d, 0.0) + w
    forms, key = renderings(query)
    if also == "chunks":
        chunks |= {search.chunk_of(firsts, t) for form in forms for t in search_terms.terms(form)}
    # the 10 best by BM25, as the browser ranks them
    top = sorted(docs or (), key=lambda d: (-score[d], d))[:10]
    size = chunk_bytes = sum(len(index.file(f"search/t/{k}.js")) for k in chunks)
    size += sum(len(index.file(f"search/d/{d}.js")) for d in top)
    # the glossary's equivalences, read once by the first query
    size += len(index.file("search/glossary.js"))
    if also == "entry" and key:
        size += len(index.file(f"search/g/{key}.js"))
    return size, len(chunks), len(docs or ()), chunk_bytes


def material_index(size: int) -> int:
    """Bytes of Material's search_index.json for the same corpus, built by plain MkDocs from
    `duizhao export` with Material's search plugin (jieba) on."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus_dir = generate(size, CACHE / f"corpus-{size}")
        bin_dir = Path(sys.executable).parent
        subprocess.run(
            [str(bin_dir / "duizhao"), "export", tmp, "--sources", str(corpus_dir)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        cfg = Path(tmp) / "mkdocs.yml"
        cfg.write_text(cfg.read_text(encoding="utf-8").replace("plugins: []", "plugins: [search]"), "utf-8")
        if "search" not in cfg.read_text(encoding="utf-8"):
            cfg.write_text(cfg.read_text(encoding="utf-8") + "plugins:\n- search\n", "utf-8")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run([str(bin_dir / "mkdocs"), "build", "-q"], cwd=tmp, check=True, env=env)
        return (Path(tmp) / "site" / "search" / "search_index.json").stat().st_size


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.2f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="rerun the pipeline, ignoring the cache")
    parser.add_argument("--material", action="store_true", help="also measure Material's search index")
    parser.add_argument(
        "--replicate",
        type=int,
        default=0,
        metavar="BASE",
        help="make each size from copies of the BASE-document corpus instead of a pipeline run of its own",
    )
    args = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    static = dict(layout.static_files())
    # (search-engine.js is loaded when the box first opens: counted with the manifest)
    first_load = sum(len(data) for path, data in static.items() if path.endswith(("search.js", "search.css")))
    engine = sum(len(data) for path, data in static.items() if path.endswith("search-engine.js"))
    print(f"search script + stylesheet on every page: {kb(first_load)}; engine on opening: {kb(engine)}")
    for size in (int(s) for s in args.sizes.split(",")):
        if args.replicate and size > args.replicate:
            entries, pipeline_s = replicated(size, args.replicate, args.fresh), 0.0
            print(f"\n({size:,} documents: copies of the {args.replicate:,}-document corpus, --replicate)")
        else:
            entries, pipeline_s = entries_for(size, args.fresh)
        times, index = [], None
        for _ in range(args.repeat):
            # CPU time: the machine is shared, and wall time measures the neighbours too.
            t = time.process_time()
            index = search.build(entries, equivalents=project_glossary())
            times.append(time.process_time() - t)
        assert index is not None
        manifest = len(index.file("search/manifest.js"))
        chunks = sum(1 for p, _ in index.files if p.startswith("search/t/"))
        biggest = max(len(d) for p, d in index.files if p.startswith("search/t/"))
        print(
            f"\n{size:,} documents ({index.documents:,} indexed; pipeline {pipeline_s:.1f} s once): "
            f"index built in {statistics.median(times):.2f} CPU s (median of {args.repeat}), "
            f"{index.terms:,} terms, {index.postings:,} postings"
        )
        print(
            f"  whole index {kb(index.total_bytes)} in {len(index.files):,} files "
            f"({chunks} chunks, largest {kb(biggest)})"
        )
        print(
            f"  first load: {kb(first_load)} on every page; opening the box: {kb(engine + manifest)} "
            f"(engine {kb(engine)}, manifest {kb(manifest)})"
        )
        entry_files = [len(d) for p, d in index.files if p.startswith("search/g/")]
        print(
            f"  glossary: equivalences {kb(len(index.file('search/glossary.js')))}; {len(entry_files)} entry "
            f"files, {kb(sum(entry_files))} in all, largest {kb(max(entry_files, default=0))}"
        )
        for q in QUERIES:
            size_q, n_chunks, hits, chunk_size = query_bytes(index, q)
            also = ""
            forms, key = renderings(q)
            if forms:
                alone = query_bytes(index, q, also="")[0]
                by_chunks = query_bytes(index, q, also="chunks")[0]
                entry = len(index.file(f"search/g/{key}.js"))
                also = (
                    f"; with {len(forms)} glossary renderings from g/{key}.js ({kb(entry)}); "
                    f"{kb(alone)} without them, {kb(by_chunks)} reading their words' chunks instead"
                )
            print(
                f"  query {q!r}: {kb(size_q)} ({n_chunks} chunks: {kb(chunk_size)}; + top-10 documents{also}),"
                f" {hits:,} documents"
            )
        if args.material and size <= 1000:
            print(f"  Material search_index.json (jieba): {kb(material_index(size))}, loaded whole")


if __name__ == "__main__":
    main()
