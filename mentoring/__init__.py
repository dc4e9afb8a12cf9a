"""The Herne intergenerational mentoring application (built by mentoring.factory.create_app)."""
