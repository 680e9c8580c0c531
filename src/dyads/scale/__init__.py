"""Scale stage: the pipeline's stages as Ray tasks over a local Ray instance or a cluster.

Contract: ``run_on_ray(pipeline, paths, address)`` processes every input with remote workers
that write Parquet shards (``dyads.store.shards``), loads them into the pipeline's store in
input order (one writer) and returns the same ``RunSummary`` as ``Pipeline.run``. Ray is
imported only when used.
"""

from dyads.scale.ray_runner import RayTask, plan_tasks, run_on_ray

__all__ = ["RayTask", "plan_tasks", "run_on_ray"]
