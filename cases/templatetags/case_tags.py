from django import template

from cases.categories import Category

register = template.Library()


@register.filter
def category_label(value: str) -> str:
    try:
        return Category(value).label
    except ValueError:
        return value
