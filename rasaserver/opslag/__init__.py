"""The Rasa server's stores, named by their dotted path in the endpoints files (`tracker_store`, `lock_store`)."""
