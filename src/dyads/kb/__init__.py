"""Knowledge-base stage: actors, aliases, dated roles, and linking of mentions to actors.

Contract: ``load_knowledge_base()`` builds the base once per process; ``link_mentions``
turns a parsed document into ``Mention`` records (with offsets into the document text).
"""

from dyads.kb.base import KnowledgeBase, KnowledgeBaseError, load_knowledge_base

__all__ = ["KnowledgeBase", "KnowledgeBaseError", "load_knowledge_base"]
